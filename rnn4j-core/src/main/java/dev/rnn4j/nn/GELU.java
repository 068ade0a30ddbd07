package dev.rnn4j.nn;

import dev.rnn4j.Tensor;

/** The Gaussian error linear unit, exact or with the tanh approximation, as {@code nn.GELU}. */
public final class GELU extends Module implements Layer {

    private final String approximate;

    /** The exact form, x·Φ(x). */
    public GELU() {
        this("none");
    }

    /** @param approximate {@code "none"} or {@code "tanh"} (checked by the first forward, as in PyTorch) */
    public GELU(String approximate) {
        this.approximate = approximate;
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.gelu(input, approximate);
    }

    @Override
    protected String extraRepr() {
        return "approximate='" + approximate + "'";
    }
}
