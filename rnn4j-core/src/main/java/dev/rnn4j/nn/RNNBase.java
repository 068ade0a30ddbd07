package dev.rnn4j.nn;

import dev.rnn4j.format.PythonRepr;
import dev.rnn4j.Shape;
import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.nn.rnn.PackedSequence;
import dev.rnn4j.internal.kernel.Kernels;
import dev.rnn4j.internal.layer.RecurrentLayer;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code RNN}, {@code LSTM} and {@code GRU} share, as PyTorch's {@code RNNBase}: the
 * options, the parameters per layer and direction in PyTorch's order, their initialisation,
 * and the argument and shape checks with PyTorch's messages.
 */
public abstract class RNNBase extends Module {

    /** PyTorch's modes, each with the number of gate blocks in its weights. */
    public enum Mode {
        RNN_TANH(1), RNN_RELU(1), LSTM(4), GRU(3);

        private final int gates;

        Mode(int gates) {
            this.gates = gates;
        }

        /** G: the weights are (G·hidden_size, ·). */
        public int gates() {
            return gates;
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

        /** These options with another dropout, validated as at construction. */
        public Options withDropout(double p) {
            return new Options(mode, inputSize, hiddenSize, numLayers, bias, batchFirst, p, bidirectional, projSize);
        }

        /** The size of h: proj_size when projecting, else hidden_size. */
        public int realHiddenSize() {
            return projSize > 0 ? projSize : hiddenSize;
        }
    }

    /** A batched input as the layers take it: x (L, N, I), the states (layers·D, N, ·), and the input's rank. */
    private record Prepared(Tensor x, Tensor h, Tensor c, boolean batched) {
    }

    /** The layers' results: the last layer's output rows, the stacked final h and c (c null but for LSTM). */
    private record Layers(Tensor output, Tensor hidden, Tensor cell) {
    }

    /**
     * A forward pass's result in the caller's layout: the output (padded, or a packed batch's data), h_n and, for
     * an LSTM, c_n (else null).
     */
    record Result(Tensor output, Tensor hidden, Tensor cell) {
    }

    private Options options;   // replaced, never mutated, by setDropout
    private final List<RecurrentLayer.Weights> weights = new ArrayList<>();

    RNNBase(Options options) {
        this.options = options;
        int gh = options.mode().gates() * options.hiddenSize();
        int real = options.realHiddenSize();
        long rowFmas = 0;
        for (int layer = 0; layer < options.numLayers(); layer++) {
            for (int direction = 0; direction < options.directions(); direction++) {
                int layerInput = layer == 0 ? options.inputSize() : real * options.directions();
                rowFmas = Math.max(rowFmas, (long) gh * Math.max(layerInput, real));
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
                weights.add(new RecurrentLayer.Weights(wIh, wHh, bIh, bHh, wHr));
            }
        }
        Init.uniformByHiddenSize(parameters(), options.hiddenSize());
        if (Kernels.awaitForModel(rowFmas)) {
            FirstCallWarmUp.once(options.mode());
        }
    }

    public Options options() {
        return options;
    }

    /** The dropout between layers for later forward calls, as assigning {@code rnn.dropout = p} in PyTorch. */
    public void setDropout(double p) {
        options = options.withDropout(p);
    }

    /** PyTorch compacts cuDNN's weight buffer here; the CPU has none, so this does nothing, as in PyTorch. */
    public void flattenParameters() {
    }

    /**
     * Checks a padded input and its states as PyTorch's {@code forward} does, in its order, and
     * brings them to the batched form: unbatched input gets its batch dimension, missing states
     * become zeros, batch-first input is read as (L, N, I).
     *
     * @param cx the cell state of an LSTM, or null (always null for RNN and GRU)
     */
    private Prepared prepare(Tensor input, Tensor hx, Tensor cx) {
        boolean lstm = options.mode() == Mode.LSTM;
        checkInputRank(input);
        boolean batched = input.dim() == 3;
        int batchDim = options.batchFirst() ? 0 : 1;
        Tensor in = batched ? input : input.unsqueeze(batchDim);
        Tensor h = hx;
        Tensor c = cx;
        if (h != null && (h.dim() != (batched ? 3 : 2) || (c != null && c.dim() != (batched ? 3 : 2)))) {
            String kind = batched ? "batched 3-D" : "unbatched 2-D";
            String want = batched ? "3-D" : "2-D";
            throw new IllegalArgumentException(lstm
                    ? "For " + kind + " input, hx and cx should also be " + want + " but got (" + h.dim() + "-D, "
                    + (c == null ? h.dim() : c.dim()) + "-D) tensors"
                    : "For " + kind + " input, hx should also be " + want + " but got " + h.dim() + "-D tensor");
        }
        if (!batched && h != null) {
            h = h.unsqueeze(1);
            c = c == null ? null : c.unsqueeze(1);
        }
        int[] expectedH = expectedHiddenSize(in, options.realHiddenSize());
        int[] expectedC = expectedHiddenSize(in, options.hiddenSize());
        h = h == null ? Torch.zeros(expectedH) : h;
        c = lstm && c == null ? Torch.zeros(expectedC) : c;
        checkInput(in);
        checkHiddenSize(h, expectedH, lstm ? "hidden[0]" : "hidden");
        if (lstm) {
            checkHiddenSize(c, expectedC, "hidden[1]");
        }
        Tensor x = options.batchFirst() ? in.transpose(0, 1) : in;
        if (x.size(0) == 0) {
            throw new IllegalArgumentException("Expected sequence length to be larger than 0 in RNN");
        }
        return new Prepared(x, h, c, batched);
    }

    /**
     * Runs every layer and direction, each one fused operation, with dropout between layers.
     *
     * @param x          (L, N, I), or (rows, I) rows of a packed batch
     * @param batchSizes rows per step
     * @param h, c       (layers·D, N, ·); c null but for LSTM
     * @param outputName the grad_fn name PyTorch shows for a one-direction layer's output
     */
    private Layers runLayers(Tensor x, int[] batchSizes, Tensor h, Tensor c, String outputName) {
        int d = options.directions();
        List<Tensor> finalH = new ArrayList<>();
        List<Tensor> finalC = new ArrayList<>();
        Tensor layerInput = x;
        int hr = options.realHiddenSize();
        int[] outShape = x.dim() == 3 ? new int[]{x.size(0), x.size(1), d * hr} : new int[]{x.size(0), d * hr};
        Tensor pooledInput = null;   // the layer before's output, pooled: handed back once this layer has read it
        for (int layer = 0; layer < options.numLayers(); layer++) {
            boolean intermediate = layer < options.numLayers() - 1;
            RecurrentLayer.Result[] results;
            Tensor layerOutput;
            boolean pooled;
            if (d == 1) {
                results = new RecurrentLayer.Result[]{RecurrentLayer.run(options.mode(), layerInput, batchSizes,
                        outShape, h.get(layer), c == null ? null : c.get(layer), weights.get(layer), false,
                        outputName, intermediate)};
                layerOutput = results[0].output();
                pooled = results[0].pooled();
            } else {
                int k = 2 * layer;
                RecurrentLayer.Directions both = RecurrentLayer.runBidirectional(options.mode(), layerInput,
                        batchSizes, outShape, new Tensor[]{h.get(k), h.get(k + 1)},
                        c == null ? new Tensor[2] : new Tensor[]{c.get(k), c.get(k + 1)},
                        new RecurrentLayer.Weights[]{weights.get(k), weights.get(k + 1)}, outputName, intermediate);
                results = new RecurrentLayer.Result[]{both.forward(), both.reverse()};
                layerOutput = both.output();
                pooled = both.pooled();
            }
            for (RecurrentLayer.Result r : results) {
                finalH.add(r.lastHidden());
                if (r.lastCell() != null) {
                    finalC.add(r.lastCell());
                }
            }
            if (pooledInput != null) {
                RecurrentLayer.release(pooledInput);
            }
            pooledInput = pooled ? layerOutput : null;
            layerInput = dropoutBetweenLayers(layerOutput, layer);
        }
        return new Layers(layerInput, Torch.stack(finalH, 0), c == null ? null : Torch.stack(finalC, 0));
    }

    /**
     * Checks a packed input and its states and brings the states into the pack's sorted order
     * ({@code permute_hidden}); missing states become zeros.
     */
    private Prepared preparePacked(PackedSequence input, Tensor hx, Tensor cx) {
        boolean lstm = options.mode() == Mode.LSTM;
        Tensor data = input.data();
        if (data.dim() != 2) {
            throw new IllegalArgumentException("input must have 2 dimensions, got " + data.dim());
        }
        checkInputSize(data);
        int layers = options.numLayers() * options.directions();
        int[] expectedH = {layers, input.batchSize(), options.realHiddenSize()};
        int[] expectedC = {layers, input.batchSize(), options.hiddenSize()};
        Tensor h = hx == null ? Torch.zeros(expectedH) : hx;
        Tensor c = lstm ? (cx == null ? Torch.zeros(expectedC) : cx) : null;
        checkHiddenSize(h, expectedH, lstm ? "hidden[0]" : "hidden");
        if (lstm) {
            checkHiddenSize(c, expectedC, "hidden[1]");
        }
        int[] sorted = input.sortedIndices();
        if (sorted != null) {
            h = hx == null ? h : h.indexSelect(1, sorted);
            c = cx == null ? c : c.indexSelect(1, sorted);
        }
        return new Prepared(data, h, c, true);
    }

    /** Runs the layers over a packed input; the final states come back in the caller's batch order. */
    private Layers runPacked(PackedSequence input, Prepared p, String outputName) {
        Layers layers = runLayers(p.x(), input.batchSizes(), p.h(), p.c(), outputName);
        int[] unsorted = input.unsortedIndices();
        if (unsorted == null) {
            return layers;
        }
        return new Layers(layers.output(), layers.hidden().indexSelect(1, unsorted),
                layers.cell() == null ? null : layers.cell().indexSelect(1, unsorted));
    }

    /** The packed output: the last layer's rows with the input's batch sizes and permutations. */
    static PackedSequence packedLike(PackedSequence input, Tensor data) {
        return new PackedSequence(data, input.batchSizes(), input.sortedIndices(), input.unsortedIndices());
    }

    /**
     * The whole module over a padded input: checks, every layer, and the results back in the input's layout.
     *
     * @param cx the cell state of an LSTM, or null (always null for RNN and GRU)
     */
    final Result forwardPadded(Tensor input, Tensor hx, Tensor cx) {
        Prepared p = prepare(input, hx, cx);
        boolean lstm = options.mode() == Mode.LSTM;
        // PyTorch 2 runs an LSTM without projections on oneDNN, whose layer names the output
        String name = lstm && options.projSize() == 0 ? "MkldnnRnnLayerBackward0" : "StackBackward0";
        Layers layers = runLayers(p.x(), RecurrentLayer.fullBatches(p.x().size(0), p.x().size(1)), p.h(), p.c(),
                name);
        Tensor output = layers.output();
        if (options.batchFirst()) {
            // RNN and GRU transpose their result in place (TransposeBackward1), LSTM into a view (TransposeBackward0)
            output = lstm ? output.transpose(0, 1) : output.transpose_(0, 1);
        }
        output = p.batched() ? output : output.squeeze(options.batchFirst() ? 0 : 1);
        return new Result(output, stateLayout(layers.hidden(), p.batched()),
                layers.cell() == null ? null : stateLayout(layers.cell(), p.batched()));
    }

    /**
     * The whole module over a packed batch: padded steps cost nothing, each sequence's final state is the state
     * after its own last step, and the states are in the caller's batch order.
     */
    final Result forwardPacked(PackedSequence input, Tensor hx, Tensor cx) {
        Layers layers = runPacked(input, preparePacked(input, hx, cx), "CatBackward0");
        Tensor data = layers.output();
        if (options.mode() == Mode.LSTM && options.projSize() == 0 && allEqual(input.batchSizes())) {
            // PyTorch 2 runs such a pack as a padded batch on oneDNN and hands back a view of it
            data = data.view(data.shape().toArray());
        }
        return new Result(data, layers.hidden(), layers.cell());
    }

    private static boolean allEqual(int[] sizes) {
        for (int s : sizes) {
            if (s != sizes[0]) {
                return false;
            }
        }
        return true;
    }

    /** A final state back to the input's layout: unbatched squeezed. */
    private static Tensor stateLayout(Tensor state, boolean batched) {
        return batched ? state : state.squeeze(1);
    }

    /** The input's rank: 2 (unbatched) or 3, with the message of this module's PyTorch class. */
    private void checkInputRank(Tensor input) {
        if (input.dim() != 2 && input.dim() != 3) {
            String name = getClass().getSimpleName();
            throw new IllegalArgumentException(name + ": Expected input to be 2D or 3D, got " + input.dim() + "D"
                    + (name.equals("RNN") ? " tensor" : "") + " instead");
        }
    }

    /** {@code check_input}: the feature size of a batched (L, N, I) input. */
    private void checkInput(Tensor input) {
        if (input.dim() != 3) {
            throw new IllegalArgumentException("input must have 3 dimensions, got " + input.dim());
        }
        checkInputSize(input);
    }

    /** The feature size of a padded input or a packed batch's data. */
    private void checkInputSize(Tensor input) {
        if (input.size(-1) != options.inputSize()) {
            throw new IllegalArgumentException("input.size(-1) must be equal to input_size. Expected "
                    + options.inputSize() + ", got " + input.size(-1));
        }
    }

    /** The shape a hidden state must have: (layers·D, N, size). */
    private int[] expectedHiddenSize(Tensor batchedInput, int size) {
        int miniBatch = options.batchFirst() ? batchedInput.size(0) : batchedInput.size(1);
        return new int[]{options.numLayers() * options.directions(), miniBatch, size};
    }

    /** {@code check_hidden_size}, with {@code label} "hidden", "hidden[0]" or "hidden[1]". */
    private static void checkHiddenSize(Tensor hx, int[] expected, String label) {
        if (!java.util.Arrays.equals(hx.shape().toArray(), expected)) {
            throw new IllegalArgumentException("Expected " + label + " size " + Shape.tuple(expected) + ", got "
                    + Shape.list(hx.shape().toArray()));
        }
    }

    /** Dropout between layers: only in training, never after the last layer. */
    private Tensor dropoutBetweenLayers(Tensor layerOutput, int layer) {
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

    /** The options every recurrent module shares, with PyTorch's defaults. */
    @SuppressWarnings("unchecked")
    public abstract static class Builder<B extends Builder<B>> {
        final int inputSize;
        final int hiddenSize;
        int numLayers = 1;
        boolean bias = true;
        boolean batchFirst;
        double dropout;
        boolean bidirectional;

        protected Builder(int inputSize, int hiddenSize) {
            this.inputSize = inputSize;
            this.hiddenSize = hiddenSize;
        }

        /** The options these settings give for a mode, validated in PyTorch's order. */
        Options options(Mode mode, int projSize) {
            return new Options(mode, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional,
                    projSize);
        }

        public B numLayers(int numLayers) {
            this.numLayers = numLayers;
            return (B) this;
        }

        public B bias(boolean bias) {
            this.bias = bias;
            return (B) this;
        }

        /** Input and output as (N, L, ·); the states stay (layers·D, N, ·), as in PyTorch. */
        public B batchFirst(boolean batchFirst) {
            this.batchFirst = batchFirst;
            return (B) this;
        }

        /** Dropout probability on the outputs of every layer but the last, in training. */
        public B dropout(double dropout) {
            this.dropout = dropout;
            return (B) this;
        }

        public B bidirectional(boolean bidirectional) {
            this.bidirectional = bidirectional;
            return (B) this;
        }
    }
}
