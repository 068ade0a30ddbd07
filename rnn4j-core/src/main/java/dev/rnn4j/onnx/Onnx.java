package dev.rnn4j.onnx;

import dev.rnn4j.Tensor;
import dev.rnn4j.charlm.CharModel;
import dev.rnn4j.data.CharVocabulary;
import dev.rnn4j.io.AtomicFiles;
import dev.rnn4j.nn.GRUCell;
import dev.rnn4j.nn.LSTMCell;
import dev.rnn4j.nn.RNNBase;
import dev.rnn4j.nn.RNNBase.Mode;
import dev.rnn4j.nn.RNNBase.Options;
import dev.rnn4j.nn.RNNCell;
import dev.rnn4j.nn.RNNCellBase;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * ONNX export, opset {@value OnnxGraph#OPSET}: a recurrent module ({@code RNN}, {@code LSTM}, {@code GRU}), a cell
 * ({@code RNNCell}, {@code LSTMCell}, {@code GRUCell}: one step) or a character model of {@code rnn4j train}, its
 * recurrent layers as ONNX's own RNN, LSTM and GRU operators, one per layer (any number of layers, one or two
 * directions, with or without biases, tanh or relu, batch_first). The graph computes the forward pass in eval mode
 * (no dropout between layers), as {@code torch.onnx.export} does by default. Files are written atomically: readers
 * see the old file or the whole new one.
 *
 * <p>PyTorch stores an LSTM's gates in the order input, forget, cell, output, and ONNX input, output, forget, cell;
 * a GRU's reset, update, new against ONNX's update, reset, hidden, whose {@code linear_before_reset=1} is PyTorch's
 * GRU (the reset gate scales {@code W_hn h + b_hn}). The export reorders the weight and bias blocks accordingly.
 */
public final class Onnx {

    private Onnx() {
    }

    public static void export(RNNBase module, Path file) throws IOException {
        export(module, file, false);
    }

    /** {@link #toBytes(RNNBase, boolean)}, written to file. */
    public static void export(RNNBase module, Path file, boolean lengths) throws IOException {
        byte[] model = toBytes(module, lengths);
        AtomicFiles.write(file, out -> out.write(model));
    }

    /** {@link #toBytes(RNNBase, boolean)} without the lengths input: every sequence runs all L steps. */
    public static byte[] toBytes(RNNBase module) {
        return toBytes(module, false);
    }

    /**
     * The module's model (a serialized ModelProto). Inputs: {@code input} (L, N, I), or (N, L, I) for batch_first,
     * L and N named dimensions, and {@code h0} (num_layers·D, N, H), and for an LSTM {@code c0}, as the module
     * takes them; outputs {@code output}, {@code h_n} and for an LSTM {@code c_n}, as it returns them.
     *
     * <p>With {@code lengths}, an input {@code lengths} (N) int32 gives each sequence's length (at most L), as
     * a padded batch is packed with {@code Packing.packPaddedSequence}: the graph then gives what the module gives
     * for that packed batch, padded back with {@code padPackedSequence} to L steps (zeros past each sequence's
     * length), and each sequence's final states after its own last step.
     *
     * @throws IllegalArgumentException for an LSTM with proj_size, which ONNX's LSTM cannot express
     */
    public static byte[] toBytes(RNNBase module, boolean lengths) {
        Options o = module.options();
        OnnxGraph g = new OnnxGraph();
        boolean lstm = o.mode() == Mode.LSTM;
        int states = o.numLayers() * o.directions(), h = o.hiddenSize(), out = o.directions() * h;
        g.input("input", OnnxGraph.FLOAT, batchAndSteps(o.batchFirst(), o.inputSize()));
        if (lengths) {
            g.input("lengths", OnnxGraph.INT32, "batch");
        }
        stateInputs(g, lstm, states, h);
        String x = "input";
        if (o.batchFirst()) {
            x = transposeBatchAndSteps(g, x, "input_steps");
        }
        RecurrentLayers.Outputs r = RecurrentLayers.add(g, o, module.stateDict(), "", x, lengths ? "lengths" : "",
                "h0", lstm ? "c0" : null, "h_n", "c_n");
        if (o.batchFirst()) {
            transposeBatchAndSteps(g, r.output(), "output");
        } else {
            g.node("Identity", "output", new String[]{r.output()}, new String[]{"output"});
        }
        g.output("output", OnnxGraph.FLOAT, batchAndSteps(o.batchFirst(), out));
        stateOutputs(g, lstm, states, h);
        return g.model(module.getClass().getSimpleName());
    }

    public static void export(RNNCellBase cell, Path file) throws IOException {
        byte[] model = toBytes(cell);
        AtomicFiles.write(file, out -> out.write(model));
    }

    /**
     * A cell's model: one step of ONNX's RNN, LSTM or GRU operator. Inputs {@code input} (N, I) and {@code hx}
     * (N, H), and for an LSTMCell {@code cx}; outputs {@code h} (N, H), and for an LSTMCell {@code c}, the cell's
     * next state.
     */
    public static byte[] toBytes(RNNCellBase cell) {
        Mode mode = modeOf(cell);
        boolean lstm = mode == Mode.LSTM;
        int h = cell.hiddenSize();
        Map<String, Tensor> state = cell.stateDict();
        OnnxGraph g = new OnnxGraph();
        g.input("input", OnnxGraph.FLOAT, "batch", cell.inputSize());
        g.input("hx", OnnxGraph.FLOAT, "batch", h);
        if (lstm) {
            g.input("cx", OnnxGraph.FLOAT, "batch", h);
        }
        g.initializer("axes", 0);
        for (String v : lstm ? new String[]{"input", "hx", "cx"} : new String[]{"input", "hx"}) {
            g.node("Unsqueeze", v + "_as_step", new String[]{v, "axes"}, new String[]{v + "_step"});
        }
        LayerWeights w = LayerWeights.of(state, "", new String[]{""}, mode, cell.inputSize(), h,
                state.containsKey("bias_ih"));
        RecurrentLayers.operator(g, "cell", mode, h, false, w, "cell", "input_step", "", "hx_step",
                lstm ? "cx_step" : null, "Y", "Y_h", "Y_c");
        g.node("Squeeze", "h", new String[]{"Y_h", "axes"}, new String[]{"h"});
        g.output("h", OnnxGraph.FLOAT, "batch", h);
        if (lstm) {
            g.node("Squeeze", "c", new String[]{"Y_c", "axes"}, new String[]{"c"});
            g.output("c", OnnxGraph.FLOAT, "batch", h);
        }
        return g.model(cell.getClass().getSimpleName());
    }

    private static Mode modeOf(RNNCellBase cell) {
        if (cell instanceof RNNCell c) {
            return c.nonlinearity().equals("relu") ? Mode.RNN_RELU : Mode.RNN_TANH;
        }
        if (cell instanceof LSTMCell) {
            return Mode.LSTM;
        }
        if (cell instanceof GRUCell) {
            return Mode.GRU;
        }
        throw new IllegalArgumentException("no ONNX export for " + cell.getClass().getName());
    }

    public static void export(CharModel model, CharVocabulary vocabulary, Path file) throws IOException {
        byte[] bytes = toBytes(model, vocabulary);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /**
     * A character model's model: input {@code ids} (L, N) int64, character ids of the vocabulary, and {@code h0}
     * (layers, N, hidden), and {@code c0} for an LSTM; outputs {@code logits} (L, N, V) and the states after the
     * last step, {@code h_n} (and {@code c_n}), to feed back as the next call's h0 (and c0) when sampling. The
     * vocabulary's characters, in id order, are the model's metadata {@code vocabulary}.
     */
    public static byte[] toBytes(CharModel model, CharVocabulary vocabulary) {
        CharModel.Config c = model.config();
        if (vocabulary.size() != c.vocabSize()) {
            throw new IllegalArgumentException("the vocabulary has " + vocabulary.size() + " characters, the model "
                    + c.vocabSize());
        }
        Options o = ((RNNBase) model.namedChildren().get("rnn")).options();
        Map<String, Tensor> state = model.stateDict();
        OnnxGraph g = new OnnxGraph();
        boolean lstm = o.mode() == Mode.LSTM;
        g.input("ids", OnnxGraph.INT64, "sequence", "batch");
        stateInputs(g, lstm, c.layers(), c.hidden());
        Tensor embedding = state.get("embed.weight");
        g.initializer("embed.weight", longs(embedding), embedding.toFloatArray());
        g.node("Gather", "embed", new String[]{"embed.weight", "ids"}, new String[]{"embedded"},
                OnnxGraph.Attribute.integer("axis", 0));
        RecurrentLayers.Outputs r = RecurrentLayers.add(g, o, state, "rnn.", "embedded", "", "h0",
                lstm ? "c0" : null, "h_n", "c_n");
        Tensor head = state.get("head.weight").t();   // (hidden, V): MatMul multiplies from the right
        g.initializer("head.weight_t", longs(head), head.toFloatArray());
        g.initializer("head.bias", longs(state.get("head.bias")), state.get("head.bias").toFloatArray());
        g.node("MatMul", "head", new String[]{r.output(), "head.weight_t"}, new String[]{"head_product"});
        g.node("Add", "head_bias", new String[]{"head_product", "head.bias"}, new String[]{"logits"});
        g.output("logits", OnnxGraph.FLOAT, "sequence", "batch", c.vocabSize());
        stateOutputs(g, lstm, c.layers(), c.hidden());
        int[] chars = vocabulary.codePoints();
        g.metadata("vocabulary", new String(chars, 0, chars.length));
        return g.model("CharModel");
    }

    private static Object[] batchAndSteps(boolean batchFirst, int features) {
        return batchFirst ? new Object[]{"batch", "sequence", features} : new Object[]{"sequence", "batch", features};
    }

    private static String transposeBatchAndSteps(OnnxGraph g, String from, String to) {
        g.node("Transpose", to, new String[]{from}, new String[]{to}, OnnxGraph.Attribute.ints("perm", 1, 0, 2));
        return to;
    }

    private static void stateInputs(OnnxGraph g, boolean lstm, int states, int hidden) {
        g.input("h0", OnnxGraph.FLOAT, states, "batch", hidden);
        if (lstm) {
            g.input("c0", OnnxGraph.FLOAT, states, "batch", hidden);
        }
    }

    private static void stateOutputs(OnnxGraph g, boolean lstm, int states, int hidden) {
        g.output("h_n", OnnxGraph.FLOAT, states, "batch", hidden);
        if (lstm) {
            g.output("c_n", OnnxGraph.FLOAT, states, "batch", hidden);
        }
    }

    private static long[] longs(Tensor t) {
        return Arrays.stream(t.shape().toArray()).asLongStream().toArray();
    }
}
