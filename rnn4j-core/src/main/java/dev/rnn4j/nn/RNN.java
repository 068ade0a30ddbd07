package dev.rnn4j.nn;

import dev.rnn4j.Tensor;
import dev.rnn4j.nn.rnn.PackedSequence;


/**
 * A multi-layer Elman RNN over a whole sequence, as {@code torch.nn.RNN}. Each layer and
 * direction runs as one fused operation ({@link RecurrentLayer}).
 */
public final class RNN extends RNNBase {

    /** The result for a packed input: the output packed as the input, {@code hidden}: (layers·D, N, H). */
    public record PackedOutput(PackedSequence output, Tensor hidden) {
    }

    /** {@code output}: (L, N, D·H) (batch-first: (N, L, D·H); unbatched: (L, D·H)); {@code hidden}: (layers·D, N, H). */
    public record Output(Tensor output, Tensor hidden) {
    }

    private final String nonlinearity;

    /** A one-layer tanh RNN with biases. */
    public RNN(int inputSize, int hiddenSize) {
        this(builder(inputSize, hiddenSize));
    }

    private RNN(Builder b) {
        super(new Options(modeOf(b.nonlinearity), b.inputSize, b.hiddenSize, b.numLayers, b.bias, b.batchFirst,
                b.dropout, b.bidirectional, 0));
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

    public Output forward(Tensor input) {
        return forward(input, null);
    }

    /**
     * Runs the sequence.
     *
     * @param input (L, N, input_size), (N, L, input_size) when batch-first, or unbatched (L, input_size)
     * @param hx    (layers·D, N, H), unbatched (layers·D, H), or null for zeros
     */
    public Output forward(Tensor input, Tensor hx) {
        Tensor[] r = runSingleState(input, hx);
        return new Output(r[0], r[1]);
    }

    public PackedOutput forward(PackedSequence input) {
        return forward(input, null);
    }

    /**
     * Runs a batch of variable-length sequences; padded steps cost nothing, and each
     * sequence's final state is the state after its own last step.
     *
     * @param hx (layers·D, N, H) in the caller's batch order, or null for zeros
     */
    public PackedOutput forward(PackedSequence input, Tensor hx) {
        Tensor[] r = runSingleState(input, hx);
        return new PackedOutput(packedLike(input, r[0]), r[1]);
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
