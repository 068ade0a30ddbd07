package dev.rnn4j.onnx;

import dev.rnn4j.Tensor;
import dev.rnn4j.io.AtomicFiles;
import dev.rnn4j.nn.RNNBase;
import dev.rnn4j.nn.RNNBase.Mode;
import dev.rnn4j.nn.RNNBase.Options;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ONNX export of a recurrent module ({@code RNN}, {@code LSTM}, {@code GRU}) as ONNX's own RNN, LSTM and GRU
 * operators, one per layer, opset {@value OnnxGraph#OPSET}: any number of layers, one or two directions, with or
 * without biases, tanh or relu, batch_first. The graph computes the module's forward in eval mode (no dropout
 * between layers), as {@code torch.onnx.export} does by default.
 *
 * <p>The graph's inputs are {@code input} (L, N, I), or (N, L, I) for batch_first, with L and N named dimensions,
 * and {@code h0} (num_layers·D, N, H), and for an LSTM {@code c0}, as the module takes them; its outputs are
 * {@code output}, {@code h_n} and for an LSTM {@code c_n}, as the module returns them.
 *
 * <p>PyTorch stores an LSTM's gates in the order input, forget, cell, output, and ONNX input, output, forget, cell;
 * a GRU's reset, update, new against ONNX's update, reset, hidden, whose {@code linear_before_reset=1} is PyTorch's
 * GRU (the reset gate scales {@code W_hn h + b_hn}). The export reorders the weight and bias blocks accordingly.
 */
public final class Onnx {

    private Onnx() {
    }

    /** Writes module's ONNX model to file, atomically (readers see the old file or the whole new one). */
    public static void export(RNNBase module, Path file) throws IOException {
        byte[] model = toBytes(module);
        AtomicFiles.write(file, out -> out.write(model));
    }

    /**
     * The module's ONNX model (a serialized ModelProto).
     *
     * @throws IllegalArgumentException for an LSTM with proj_size, which ONNX's LSTM cannot express
     */
    public static byte[] toBytes(RNNBase module) {
        Options o = module.options();
        if (o.projSize() > 0) {
            throw new IllegalArgumentException("ONNX's LSTM has no projection: an LSTM with proj_size="
                    + o.projSize() + " cannot be exported");
        }
        OnnxGraph g = new OnnxGraph();
        int d = o.directions(), h = o.hiddenSize(), layers = o.numLayers();
        boolean lstm = o.mode() == Mode.LSTM;
        Object[] inputDims = o.batchFirst() ? new Object[]{"batch", "sequence", o.inputSize()}
                : new Object[]{"sequence", "batch", o.inputSize()};
        g.input("input", inputDims);
        g.input("h0", layers * d, "batch", h);
        if (lstm) {
            g.input("c0", layers * d, "batch", h);
        }
        String x = "input";
        if (o.batchFirst()) {
            g.node("Transpose", "input_to_steps", new String[]{x}, new String[]{"input_steps"},
                    OnnxGraph.Attribute.ints("perm", 1, 0, 2));
            x = "input_steps";
        }
        String[] h0 = perLayer(g, "h0", layers, d);
        String[] c0 = lstm ? perLayer(g, "c0", layers, d) : null;
        Map<String, Tensor> state = module.stateDict();
        List<String> hn = new ArrayList<>(), cn = new ArrayList<>();
        for (int layer = 0; layer < layers; layer++) {
            String p = "l" + layer;
            LayerWeights w = LayerWeights.of(state, o, layer);
            g.initializer("W_" + p, new long[]{d, (long) w.gh, w.inputSize}, w.w);
            g.initializer("R_" + p, new long[]{d, (long) w.gh, h}, w.r);
            String b = "";
            if (w.b != null) {
                b = "B_" + p;
                g.initializer(b, new long[]{d, 2L * w.gh}, w.b);
            }
            String y = "Y_" + p;
            String yh = layers == 1 ? "h_n" : "Y_h_" + p;
            String yc = layers == 1 ? "c_n" : "Y_c_" + p;
            String[] in = lstm ? new String[]{x, "W_" + p, "R_" + p, b, "", h0[layer], c0[layer]}
                    : new String[]{x, "W_" + p, "R_" + p, b, "", h0[layer]};
            String[] out = lstm ? new String[]{y, yh, yc} : new String[]{y, yh};
            g.node(opType(o.mode()), "layer_" + layer, in, out, attributes(o));
            hn.add(yh);
            cn.add(yc);
            x = joinDirections(g, y, p, d, h);
        }
        if (o.batchFirst()) {
            g.node("Transpose", "output_to_batches", new String[]{x}, new String[]{"output"},
                    OnnxGraph.Attribute.ints("perm", 1, 0, 2));
        } else {
            g.node("Identity", "output", new String[]{x}, new String[]{"output"});
        }
        if (layers > 1) {
            g.node("Concat", "h_n", hn.toArray(String[]::new), new String[]{"h_n"},
                    OnnxGraph.Attribute.integer("axis", 0));
            if (lstm) {
                g.node("Concat", "c_n", cn.toArray(String[]::new), new String[]{"c_n"},
                        OnnxGraph.Attribute.integer("axis", 0));
            }
        }
        Object[] outputDims = o.batchFirst() ? new Object[]{"batch", "sequence", d * h}
                : new Object[]{"sequence", "batch", d * h};
        g.output("output", outputDims);
        g.output("h_n", layers * d, "batch", h);
        if (lstm) {
            g.output("c_n", layers * d, "batch", h);
        }
        return g.model(module.getClass().getSimpleName());
    }

    /** The initial state split into each layer's (D, N, H) part, or the whole when there is one layer. */
    private static String[] perLayer(OnnxGraph g, String state, int layers, int d) {
        if (layers == 1) {
            return new String[]{state};
        }
        String[] parts = new String[layers];
        long[] sizes = new long[layers];
        for (int l = 0; l < layers; l++) {
            parts[l] = state + "_l" + l;
            sizes[l] = d;
        }
        g.initializer(state + "_split", sizes);
        g.node("Split", state + "_by_layer", new String[]{state, state + "_split"}, parts,
                OnnxGraph.Attribute.integer("axis", 0));
        return parts;
    }

    /**
     * The layer's output Y (L, D, N, H) as the module's (L, N, D·H): the direction axis squeezed, or moved next to
     * the hidden units and merged with them (forward then reverse, as PyTorch concatenates them).
     */
    private static String joinDirections(OnnxGraph g, String y, String p, int d, int h) {
        String out = "output_" + p;
        if (d == 1) {
            g.initializer("axes_" + p, 1);
            g.node("Squeeze", "squeeze_" + p, new String[]{y, "axes_" + p}, new String[]{out});
            return out;
        }
        g.node("Transpose", "directions_last_" + p, new String[]{y}, new String[]{y + "_t"},
                OnnxGraph.Attribute.ints("perm", 0, 2, 1, 3));
        g.initializer("shape_" + p, 0, 0, (long) d * h);
        g.node("Reshape", "join_directions_" + p, new String[]{y + "_t", "shape_" + p}, new String[]{out});
        return out;
    }

    private static String opType(Mode mode) {
        return switch (mode) {
            case RNN_TANH, RNN_RELU -> "RNN";
            case LSTM -> "LSTM";
            case GRU -> "GRU";
        };
    }

    private static OnnxGraph.Attribute[] attributes(Options o) {
        List<OnnxGraph.Attribute> a = new ArrayList<>();
        a.add(OnnxGraph.Attribute.integer("hidden_size", o.hiddenSize()));
        a.add(OnnxGraph.Attribute.string("direction", o.bidirectional() ? "bidirectional" : "forward"));
        if (o.mode() == Mode.RNN_TANH || o.mode() == Mode.RNN_RELU) {
            String f = o.mode() == Mode.RNN_TANH ? "Tanh" : "Relu";
            a.add(o.bidirectional() ? OnnxGraph.Attribute.strings("activations", f, f)
                    : OnnxGraph.Attribute.strings("activations", f));
        }
        if (o.mode() == Mode.GRU) {
            a.add(OnnxGraph.Attribute.integer("linear_before_reset", 1));
        }
        return a.toArray(OnnxGraph.Attribute[]::new);
    }
}
