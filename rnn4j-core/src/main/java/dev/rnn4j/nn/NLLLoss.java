package dev.rnn4j.nn;

import dev.rnn4j.LongTensor;
import dev.rnn4j.Reduction;
import dev.rnn4j.Tensor;

/** The negative log likelihood of log-probabilities against class indices, as {@code nn.NLLLoss}. */
public final class NLLLoss extends Module {

    private final Tensor weight;
    private final long ignoreIndex;
    private final Reduction reduction;

    /** Mean over the batch, no class weights, ignore index −100. */
    public NLLLoss() {
        this(null, Functional.IGNORE_INDEX, Reduction.MEAN);
    }

    /** @param weight a weight per class (C), or null */
    public NLLLoss(Tensor weight, long ignoreIndex, Reduction reduction) {
        this.weight = weight;
        this.ignoreIndex = ignoreIndex;
        this.reduction = reduction;
    }

    /** @param input (N, C), (N, C, d1, …) or (C); target (N), (N, d1, …) or () */
    public Tensor forward(Tensor input, LongTensor target) {
        return Functional.nllLoss(input, target, weight, ignoreIndex, reduction);
    }
}
