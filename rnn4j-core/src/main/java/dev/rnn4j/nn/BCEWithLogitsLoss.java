package dev.rnn4j.nn;

import dev.rnn4j.Reduction;
import dev.rnn4j.Tensor;

/**
 * Binary cross entropy of logits, sigmoid and log computed together without overflow, as
 * {@code nn.BCEWithLogitsLoss}: input and target of the same shape.
 */
public final class BCEWithLogitsLoss extends Module {

    private final Tensor weight;
    private final Tensor posWeight;
    private final Reduction reduction;

    /** Mean, no weights. */
    public BCEWithLogitsLoss() {
        this(null, null, Reduction.MEAN);
    }

    /**
     * @param weight    broadcast over the input, or null
     * @param posWeight the weight of positive examples, broadcast over the target (one per class), or null
     */
    public BCEWithLogitsLoss(Tensor weight, Tensor posWeight, Reduction reduction) {
        this.weight = weight;
        this.posWeight = posWeight;
        this.reduction = reduction;
    }

    public Tensor forward(Tensor input, Tensor target) {
        return Functional.binaryCrossEntropyWithLogits(input, target, weight, posWeight, reduction);
    }
}
