package dev.rnn4j.nn;

import dev.rnn4j.LongTensor;
import dev.rnn4j.Reduction;
import dev.rnn4j.Tensor;

/**
 * Cross entropy between logits and targets, as {@code nn.CrossEntropyLoss}: log_softmax over the classes, then the
 * negative log likelihood of class indices, or the cross entropy with class probabilities.
 * <pre>
 *   var loss = CrossEntropyLoss.builder().ignoreIndex(0).labelSmoothing(0.1).build();
 *   loss.forward(logits, targets).backward();        // logits (N, C), targets (N) int64
 * </pre>
 */
public final class CrossEntropyLoss extends Module {

    private final Tensor weight;
    private final long ignoreIndex;
    private final Reduction reduction;
    private final double labelSmoothing;

    /** Mean over the batch, no class weights, ignore index −100, no label smoothing. */
    public CrossEntropyLoss() {
        this(builder());
    }

    private CrossEntropyLoss(Builder b) {
        weight = b.weight;
        ignoreIndex = b.ignoreIndex;
        reduction = b.reduction;
        labelSmoothing = b.labelSmoothing;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @param input (N, C), (N, C, d1, …) or (C); target class indices (N), (N, d1, …) or () */
    public Tensor forward(Tensor input, LongTensor target) {
        return Functional.crossEntropy(input, target, weight, ignoreIndex, reduction, labelSmoothing);
    }

    /** @param target class probabilities of the input's shape */
    public Tensor forward(Tensor input, Tensor target) {
        return Functional.crossEntropy(input, target, weight, ignoreIndex, reduction, labelSmoothing);
    }

    /** The optional settings, with PyTorch's defaults. */
    public static final class Builder {
        private Tensor weight;
        private long ignoreIndex = Functional.IGNORE_INDEX;
        private Reduction reduction = Reduction.MEAN;
        private double labelSmoothing;

        private Builder() {
        }

        /** A weight per class (C). */
        public Builder weight(Tensor weight) {
            this.weight = weight;
            return this;
        }

        public Builder ignoreIndex(long ignoreIndex) {
            this.ignoreIndex = ignoreIndex;
            return this;
        }

        public Builder reduction(Reduction reduction) {
            this.reduction = reduction;
            return this;
        }

        /** In [0, 1] (checked by forward, as in PyTorch). */
        public Builder labelSmoothing(double labelSmoothing) {
            this.labelSmoothing = labelSmoothing;
            return this;
        }

        public CrossEntropyLoss build() {
            return new CrossEntropyLoss(this);
        }
    }
}
