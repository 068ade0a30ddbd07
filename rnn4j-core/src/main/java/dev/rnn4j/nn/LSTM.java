package dev.rnn4j.nn;

import dev.rnn4j.Tensor;
import dev.rnn4j.nn.rnn.PackedSequence;
import dev.rnn4j.nn.rnn.RecurrentLayer;

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
        super(new Options(Mode.LSTM, b.inputSize, b.hiddenSize, b.numLayers, b.bias, b.batchFirst, b.dropout,
                b.bidirectional, b.projSize));
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
        if ((h0 == null) != (c0 == null)) {
            throw new IllegalArgumentException("LSTM expects both h0 and c0, or neither");
        }
        Prepared p = prepare(input, h0, c0);
        // PyTorch 2 runs an LSTM without projections on oneDNN, whose layer names the output
        String name = options.projSize() > 0 ? "StackBackward0" : "MkldnnRnnLayerBackward0";
        Layers layers = runLayers(p.x(), RecurrentLayer.fullBatches(p.x().size(0), p.x().size(1)), p.h(), p.c(),
                name);
        return new Output(outputLayout(layers.output(), p.batched(), "TransposeBackward0"),
                stateLayout(layers.hidden(), p.batched()), stateLayout(layers.cell(), p.batched()));
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
        if ((h0 == null) != (c0 == null)) {
            throw new IllegalArgumentException("LSTM expects both h0 and c0, or neither");
        }
        Prepared p = preparePacked(input, h0, c0);
        Layers layers = runPacked(input, p, "CatBackward0");
        Tensor data = layers.output();
        if (options.projSize() == 0 && allEqual(input.batchSizes())) {
            // PyTorch 2 runs such a pack as a padded batch on oneDNN and hands back a view of it
            data = data.view(data.shape().toArray());
        }
        return new PackedOutput(packedLike(input, data), layers.hidden(), layers.cell());
    }

    private static boolean allEqual(int[] sizes) {
        for (int s : sizes) {
            if (s != sizes[0]) {
                return false;
            }
        }
        return true;
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
