package dev.rnn4j.nn;

import dev.rnn4j.Tensor;
import dev.rnn4j.nn.rnn.PackedSequence;

/**
 * A multi-layer long short-term memory network over a whole sequence, as {@code torch.nn.LSTM}:
 * gates i, f, g, o; with {@code projSize > 0}, h is projected by {@code weight_hr} to that size
 * while c keeps {@code hiddenSize}. Each layer and direction runs as one fused operation.
 */
public final class LSTM extends RNNBase {

    /**
     * {@code output}: (L, N, D·H') (batch-first: (N, L, D·H'); unbatched: (L, D·H')), H' the
     * projection size or hidden size; {@code hidden}: (layers·D, N, H'); {@code cell}: (layers·D, N, H).
     */
    public record Output(Tensor output, Tensor hidden, Tensor cell) {
    }

    /** The result for a packed input: the output packed as the input, and the final h and c in batch order. */
    public record PackedOutput(PackedSequence output, Tensor hidden, Tensor cell) {
    }

    /** A one-layer LSTM with biases. */
    public LSTM(int inputSize, int hiddenSize) {
        this(builder(inputSize, hiddenSize));
    }

    private LSTM(Builder b) {
        super(b.options(Mode.LSTM, b.projSize));
    }

    public static Builder builder(int inputSize, int hiddenSize) {
        return new Builder(inputSize, hiddenSize);
    }

    public Output forward(Tensor input) {
        return forward(input, null, null);
    }

    /**
     * Runs the sequence.
     *
     * @param input (L, N, input_size), (N, L, input_size) when batch-first, or unbatched (L, input_size)
     * @param h0    (layers·D, N, H'), unbatched (layers·D, H'), or null (with c0) for zeros
     * @param c0    (layers·D, N, H), unbatched (layers·D, H), or null (with h0) for zeros
     */
    public Output forward(Tensor input, Tensor h0, Tensor c0) {
        Result r = forwardPadded(input, h0, bothOrNeither(h0, c0));
        return new Output(r.output(), r.hidden(), r.cell());
    }

    public PackedOutput forward(PackedSequence input) {
        return forward(input, null, null);
    }

    /**
     * Runs a batch of variable-length sequences; padded steps cost nothing, and each
     * sequence's final state is the state after its own last step.
     *
     * @param h0, c0 (layers·D, N, ·) in the caller's batch order, or both null for zeros
     */
    public PackedOutput forward(PackedSequence input, Tensor h0, Tensor c0) {
        Result r = forwardPacked(input, h0, bothOrNeither(h0, c0));
        return new PackedOutput(packedLike(input, r.output()), r.hidden(), r.cell());
    }

    /** c0, once h0 and c0 are known to come together. */
    private static Tensor bothOrNeither(Tensor h0, Tensor c0) {
        if ((h0 == null) != (c0 == null)) {
            throw new IllegalArgumentException("LSTM expects both h0 and c0, or neither");
        }
        return c0;
    }

    /** The optional arguments of {@code torch.nn.LSTM}. */
    public static final class Builder extends RNNBase.Builder<Builder> {
        private int projSize;

        private Builder(int inputSize, int hiddenSize) {
            super(inputSize, hiddenSize);
        }

        /** The size h is projected to (0: no projection); must be below hiddenSize. */
        public Builder projSize(int projSize) {
            this.projSize = projSize;
            return this;
        }

        public LSTM build() {
            return new LSTM(this);
        }
    }
}
