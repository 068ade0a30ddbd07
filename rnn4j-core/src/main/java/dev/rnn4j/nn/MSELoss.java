package dev.rnn4j.nn;

import dev.rnn4j.Reduction;
import dev.rnn4j.Tensor;

/** The squared error between input and target (broadcast together), as {@code nn.MSELoss}. */
public final class MSELoss extends Module {

    private final Reduction reduction;

    public MSELoss() {
        this(Reduction.MEAN);
    }

    public MSELoss(Reduction reduction) {
        this.reduction = reduction;
    }

    public Tensor forward(Tensor input, Tensor target) {
        return Functional.mseLoss(input, target, reduction);
    }
}
