package dev.rnn4j.nn;

import dev.rnn4j.Tensor;
import dev.rnn4j.nn.rnn.RecurrentLayer;

/**
 * A multi-layer gated recurrent unit network over a whole sequence, as {@code torch.nn.GRU}:
 * gates r, z, n with the reset gate applied after the hidden projection ("linear before
 * reset"). Each layer and direction runs as one fused operation.
 */
public final class GRU extends RNNBase {

    /** {@code output}: (L, N, D·H) (batch-first: (N, L, D·H); unbatched: (L, D·H)); {@code hidden}: (layers·D, N, H). */
    public record Output(Tensor output, Tensor hidden) {
    }

    /** A one-layer GRU with biases. */
    public GRU(int inputSize, int hiddenSize) {
        this(builder(inputSize, hiddenSize));
    }

    private GRU(Builder b) {
        super(new Options(Mode.GRU, b.inputSize, b.hiddenSize, b.numLayers, b.bias, b.batchFirst, b.dropout,
                b.bidirectional, 0));
    }

    public static Builder builder(int inputSize, int hiddenSize) {
        return new Builder(inputSize, hiddenSize);
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
        Prepared p = prepare(input, hx, null);
        Layers layers = runLayers(p.x(), RecurrentLayer.fullBatches(p.x().size(0), p.x().size(1)), p.h(), null,
                "StackBackward0");
        return new Output(outputLayout(layers.output(), p.batched(), "TransposeBackward1"),
                stateLayout(layers.hidden(), p.batched()));
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
