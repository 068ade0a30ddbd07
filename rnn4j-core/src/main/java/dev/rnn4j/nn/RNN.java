package dev.rnn4j.nn;

/**
 * A multi-layer Elman RNN over a whole sequence, as {@code torch.nn.RNN}. Each layer and direction runs as one
 * fused operation. {@code forward} and its {@code Output} records are {@link SingleStateRNN}'s.
 */
public final class RNN extends SingleStateRNN {

    private final String nonlinearity;

    /** A one-layer tanh RNN with biases. */
    public RNN(int inputSize, int hiddenSize) {
        this(builder(inputSize, hiddenSize));
    }

    private RNN(Builder b) {
        super(b.options(modeOf(b.nonlinearity), 0));
        this.nonlinearity = b.nonlinearity;
    }

    private static Mode modeOf(String nonlinearity) {
        return switch (nonlinearity) {
            case "tanh" -> Mode.RNN_TANH;
            case "relu" -> Mode.RNN_RELU;
            default -> throw new IllegalArgumentException("Unknown nonlinearity '" + nonlinearity
                    + "'. Select from 'tanh' or 'relu'.");
        };
    }

    public static Builder builder(int inputSize, int hiddenSize) {
        return new Builder(inputSize, hiddenSize);
    }

    public String nonlinearity() {
        return nonlinearity;
    }

    /** The optional arguments of {@code torch.nn.RNN}. */
    public static final class Builder extends RNNBase.Builder<Builder> {
        private String nonlinearity = "tanh";

        private Builder(int inputSize, int hiddenSize) {
            super(inputSize, hiddenSize);
        }

        /** "tanh" (default) or "relu". */
        public Builder nonlinearity(String nonlinearity) {
            this.nonlinearity = nonlinearity;
            return this;
        }

        public RNN build() {
            return new RNN(this);
        }
    }
}
