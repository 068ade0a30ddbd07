package dev.rnn4j.nn;

import dev.rnn4j.format.PythonRepr;
import dev.rnn4j.Shape;
import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code RNN}, {@code LSTM} and {@code GRU} share, as PyTorch's {@code RNNBase}: the
 * options, the parameters per layer and direction in PyTorch's order, their initialisation,
 * and the argument and shape checks with PyTorch's messages.
 */
public abstract class RNNBase extends Module {

    /** PyTorch's modes; the number of gate blocks in each weight. */
    public enum Mode {
        RNN_TANH(1), RNN_RELU(1), LSTM(4), GRU(3);

        final int gates;

        Mode(int gates) {
            this.gates = gates;
        }
    }

    /** The options of a recurrent module, validated in PyTorch's order. */
    public record Options(Mode mode, int inputSize, int hiddenSize, int numLayers, boolean bias,
                          boolean batchFirst, double dropout, boolean bidirectional, int projSize) {
        public Options {
            if (!(dropout >= 0 && dropout <= 1)) {
                throw new IllegalArgumentException("dropout should be a number in range [0, 1] representing the "
                        + "probability of an element being zeroed");
            }
            if (dropout > 0 && numLayers == 1) {
                System.getLogger("dev.rnn4j").log(System.Logger.Level.WARNING, "dropout option adds dropout after "
                        + "all but last recurrent layer, so non-zero dropout expects num_layers greater than 1, but "
                        + "got dropout=" + PythonRepr.floatRepr(dropout) + " and num_layers=" + numLayers);
            }
            if (inputSize <= 0) {
                throw new IllegalArgumentException("input_size must be greater than zero");
            }
            if (hiddenSize <= 0) {
                throw new IllegalArgumentException("hidden_size must be greater than zero");
            }
            if (numLayers <= 0) {
                throw new IllegalArgumentException("num_layers must be greater than zero");
            }
            if (projSize < 0) {
                throw new IllegalArgumentException("proj_size should be a positive integer or zero to disable "
                        + "projections");
            }
            if (projSize >= hiddenSize) {
                throw new IllegalArgumentException("proj_size has to be smaller than hidden_size");
            }
        }

        public int directions() {
            return bidirectional ? 2 : 1;
        }

        /** The size of h: proj_size when projecting, else hidden_size. */
        public int realHiddenSize() {
            return projSize > 0 ? projSize : hiddenSize;
        }
    }

    /** The parameters of one layer in one direction; biases and projection may be null. */
    protected record LayerWeights(Parameter wIh, Parameter wHh, Parameter bIh, Parameter bHh, Parameter wHr) {
    }

    protected final Options options;
    private final List<LayerWeights> weights = new ArrayList<>();

    protected RNNBase(Options options) {
        this.options = options;
        int gh = options.mode().gates * options.hiddenSize();
        int real = options.realHiddenSize();
        for (int layer = 0; layer < options.numLayers(); layer++) {
            for (int direction = 0; direction < options.directions(); direction++) {
                int layerInput = layer == 0 ? options.inputSize() : real * options.directions();
                String suffix = "_l" + layer + (direction == 1 ? "_reverse" : "");
                Parameter wIh = registerParameter("weight_ih" + suffix, new Parameter(Torch.zeros(gh, layerInput)));
                Parameter wHh = registerParameter("weight_hh" + suffix, new Parameter(Torch.zeros(gh, real)));
                Parameter bIh = null;
                Parameter bHh = null;
                if (options.bias()) {
                    bIh = registerParameter("bias_ih" + suffix, new Parameter(Torch.zeros(gh)));
                    bHh = registerParameter("bias_hh" + suffix, new Parameter(Torch.zeros(gh)));
                }
                Parameter wHr = options.projSize() > 0 ? registerParameter("weight_hr" + suffix,
                        new Parameter(Torch.zeros(options.projSize(), options.hiddenSize()))) : null;
                weights.add(new LayerWeights(wIh, wHh, bIh, bHh, wHr));
            }
        }
        Init.uniformByHiddenSize(parameters(), options.hiddenSize());
    }

    public Options options() {
        return options;
    }

    /** The weights of {@code layer} in {@code direction} (0 forward, 1 reverse). */
    protected final LayerWeights weights(int layer, int direction) {
        return weights.get(layer * options.directions() + direction);
    }

    /** The input's rank: 2 (unbatched) or 3, with the message of this module's PyTorch class. */
    protected final void checkInputRank(Tensor input) {
        if (input.dim() != 2 && input.dim() != 3) {
            String name = getClass().getSimpleName();
            throw new IllegalArgumentException(name + ": Expected input to be 2D or 3D, got " + input.dim() + "D"
                    + (name.equals("RNN") ? " tensor" : "") + " instead");
        }
    }

    /** {@code check_input}: the feature size of a batched (L, N, I) input. */
    protected final void checkInput(Tensor input) {
        if (input.dim() != 3) {
            throw new IllegalArgumentException("input must have 3 dimensions, got " + input.dim());
        }
        if (input.size(-1) != options.inputSize()) {
            throw new IllegalArgumentException("input.size(-1) must be equal to input_size. Expected "
                    + options.inputSize() + ", got " + input.size(-1));
        }
    }

    /** The shape a hidden state must have: (layers·D, N, size). */
    protected final int[] expectedHiddenSize(Tensor batchedInput, int size) {
        int miniBatch = options.batchFirst() ? batchedInput.size(0) : batchedInput.size(1);
        return new int[]{options.numLayers() * options.directions(), miniBatch, size};
    }

    /** {@code check_hidden_size}, with {@code label} "hidden", "hidden[0]" or "hidden[1]". */
    protected static void checkHiddenSize(Tensor hx, int[] expected, String label) {
        if (!java.util.Arrays.equals(hx.shape().toArray(), expected)) {
            throw new IllegalArgumentException("Expected " + label + " size " + Shape.tuple(expected) + ", got "
                    + Shape.list(hx.shape().toArray()));
        }
    }

    /** Dropout between layers: only in training, never after the last layer. */
    protected final Tensor dropoutBetweenLayers(Tensor layerOutput, int layer) {
        if (options.dropout() == 0 || !isTraining() || layer == options.numLayers() - 1) {
            return layerOutput;
        }
        return Dropout.dropout(layerOutput, options.dropout(), true);
    }

    @Override
    protected String extraRepr() {
        StringBuilder s = new StringBuilder().append(options.inputSize()).append(", ").append(options.hiddenSize());
        if (options.projSize() != 0) {
            s.append(", proj_size=").append(options.projSize());
        }
        if (options.numLayers() != 1) {
            s.append(", num_layers=").append(options.numLayers());
        }
        if (!options.bias()) {
            s.append(", bias=False");
        }
        if (options.batchFirst()) {
            s.append(", batch_first=True");
        }
        if (options.dropout() != 0) {
            s.append(", dropout=").append(PythonRepr.floatRepr(options.dropout()));
        }
        if (options.bidirectional()) {
            s.append(", bidirectional=True");
        }
        return s.toString();
    }
}
