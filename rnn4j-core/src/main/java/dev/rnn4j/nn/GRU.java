package dev.rnn4j.nn;

/**
 * A multi-layer gated recurrent unit network over a whole sequence, as {@code torch.nn.GRU}: gates r, z, n with
 * the reset gate applied after the hidden projection ("linear before reset"). Each layer and direction runs as
 * one fused operation. {@code forward} and its {@code Output} records are {@link SingleStateRNN}'s.
 */
public final class GRU extends SingleStateRNN {

    /** A one-layer GRU with biases. */
    public GRU(int inputSize, int hiddenSize) {
        this(builder(inputSize, hiddenSize));
    }

    private GRU(Builder b) {
        super(b.options(Mode.GRU, 0));
    }

    public static Builder builder(int inputSize, int hiddenSize) {
        return new Builder(inputSize, hiddenSize);
    }

    /** The optional arguments of {@code torch.nn.GRU}. */
    public static final class Builder extends RNNBase.Builder<Builder> {
        private Builder(int inputSize, int hiddenSize) {
            super(inputSize, hiddenSize);
        }

        public GRU build() {
            return new GRU(this);
        }
    }
}
