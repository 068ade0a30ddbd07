package dev.rnn4j.nn;

import dev.rnn4j.Tensor;

/** A tensor that is a module's learnable weight: a leaf that requires a gradient. */
public final class Parameter extends Tensor {

    /** Wraps {@code data}'s storage (not copied) as a parameter. */
    public Parameter(Tensor data) {
        super(data.detach());
        requiresGrad(true);
    }

    /** PyTorch prints a parameter with a header line. */
    @Override
    public String toString() {
        return "Parameter containing:\n" + super.toString();
    }
}
