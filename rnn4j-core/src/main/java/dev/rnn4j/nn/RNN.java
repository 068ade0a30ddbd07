package dev.rnn4j.nn;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.nn.rnn.RecurrentLayer;

import java.util.ArrayList;
import java.util.List;

/**
 * A multi-layer Elman RNN over a whole sequence, as {@code torch.nn.RNN}. Each layer and
 * direction runs as one fused operation ({@link RecurrentLayer}).
 */
public final class RNN extends RNNBase {

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
        checkInputRank(input);
        boolean batched = input.dim() == 3;
        int batchDim = options.batchFirst() ? 0 : 1;
        Tensor in = input;
        Tensor h = hx;
        if (!batched) {
            in = input.unsqueeze(batchDim);
            if (h != null) {
                if (h.dim() != 2) {
                    throw new IllegalArgumentException("For unbatched 2-D input, hx should also be 2-D but got "
                            + h.dim() + "-D tensor");
                }
                h = h.unsqueeze(1);
            }
        } else if (h != null && h.dim() != 3) {
            throw new IllegalArgumentException("For batched 3-D input, hx should also be 3-D but got " + h.dim()
                    + "-D tensor");
        }
        int[] expected = expectedHiddenSize(in, options.hiddenSize());
        if (h == null) {
            h = Torch.zeros(expected);
        }
        checkInput(in);
        checkHiddenSize(h, expected, "hidden");
        Tensor x = options.batchFirst() ? in.transpose(0, 1) : in;
        if (x.size(0) == 0) {
            throw new IllegalArgumentException("Expected sequence length to be larger than 0 in RNN");
        }
        Output out = runLayers(x, h);
        Tensor output = out.output();
        Tensor hidden = out.hidden();
        if (options.batchFirst()) {
            output = output.transpose_(0, 1);
        }
        if (!batched) {
            output = output.squeeze(batchDim);
            hidden = hidden.squeeze(1);
        }
        return new Output(output, hidden);
    }

    /** x is (L, N, I) and h (layers·D, N, H); returns the last layer's output and the stacked final states. */
    private Output runLayers(Tensor x, Tensor h) {
        RecurrentLayer.Kind kind = options.mode() == Mode.RNN_RELU ? RecurrentLayer.Kind.RNN_RELU
                : RecurrentLayer.Kind.RNN_TANH;
        List<Tensor> finals = new ArrayList<>();
        Tensor layerInput = x;
        int d = options.directions();
        for (int layer = 0; layer < options.numLayers(); layer++) {
            Tensor[] outs = new Tensor[d];
            for (int dir = 0; dir < d; dir++) {
                LayerWeights w = weights(layer, dir);
                RecurrentLayer.Result r = RecurrentLayer.run(kind, layerInput, h.get(layer * d + dir), w.wIh(),
                        w.wHh(), w.bIh(), w.bHh(), dir == 1, "StackBackward0");
                outs[dir] = r.output();
                finals.add(r.lastHidden());
            }
            Tensor layerOutput = d == 1 ? outs[0] : Torch.cat(outs, -1);
            layerInput = dropoutBetweenLayers(layerOutput, layer);
        }
        return new Output(layerInput, Torch.stack(finals, 0));
    }

    /** The optional arguments of {@code torch.nn.RNN}. */
    public static final class Builder {
        private final int inputSize;
        private final int hiddenSize;
        private int numLayers = 1;
        private String nonlinearity = "tanh";
        private boolean bias = true;
        private boolean batchFirst;
        private double dropout;
        private boolean bidirectional;

        private Builder(int inputSize, int hiddenSize) {
            this.inputSize = inputSize;
            this.hiddenSize = hiddenSize;
        }

        public Builder numLayers(int numLayers) {
            this.numLayers = numLayers;
            return this;
        }

        /** "tanh" (default) or "relu". */
        public Builder nonlinearity(String nonlinearity) {
            this.nonlinearity = nonlinearity;
            return this;
        }

        public Builder bias(boolean bias) {
            this.bias = bias;
            return this;
        }

        public Builder batchFirst(boolean batchFirst) {
            this.batchFirst = batchFirst;
            return this;
        }

        /** Dropout probability on the outputs of every layer but the last, in training. */
        public Builder dropout(double dropout) {
            this.dropout = dropout;
            return this;
        }

        public Builder bidirectional(boolean bidirectional) {
            this.bidirectional = bidirectional;
            return this;
        }

        public RNN build() {
            return new RNN(this);
        }
    }
}
