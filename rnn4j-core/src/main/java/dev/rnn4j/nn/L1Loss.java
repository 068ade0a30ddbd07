package dev.rnn4j.nn;

import dev.rnn4j.Reduction;
import dev.rnn4j.Tensor;

/** The absolute error between input and target (broadcast together), as {@code nn.L1Loss}. */
public final class L1Loss extends Module {

    private final Reduction reduction;

    public L1Loss() {
        this(Reduction.MEAN);
    }

    public L1Loss(Reduction reduction) {
        this.reduction = reduction;
    }

    public Tensor forward(Tensor input, Tensor target) {
        return Functional.l1Loss(input, target, reduction);
    }
}
