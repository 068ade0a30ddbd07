package dev.rnn4j.onnx;

import dev.rnn4j.Tensor;
import dev.rnn4j.nn.RNNBase.Mode;
import dev.rnn4j.nn.RNNBase.Options;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A recurrent module's layers in a graph, as ONNX's RNN, LSTM and GRU operators, one per layer: each takes the
 * previous layer's output rows (L, N, ·), its part of h0 (and c0), and its weights ({@link LayerWeights}); its Y
 * (L, D, N, H) becomes the next layer's input (L, N, D·H); each layer's final states join into h_n (and c_n).
 */
final class RecurrentLayers {

    /** The names of the layers' results in the graph: output (L, N, D·H), h_n and, for an LSTM, c_n (else null). */
    record Outputs(String output, String hN, String cN) {
    }

    private RecurrentLayers() {
    }

    /**
     * Adds the layers of a module with options o and state dict state (keys weight_ih_l0, …, as the module names
     * them, under prefix) reading steps-major input x and states h0, c0 (c0 null but for an LSTM), and each
     * sequence's length from lengths (int32 (N)), or "" when every sequence runs all L steps.
     *
     * @throws IllegalArgumentException for an LSTM with proj_size, which ONNX's LSTM cannot express
     */
    static Outputs add(OnnxGraph g, Options o, Map<String, Tensor> state, String prefix, String x, String lengths,
                       String h0, String c0, String hNName, String cNName) {
        if (o.projSize() > 0) {
            throw new IllegalArgumentException("ONNX's LSTM has no projection: an LSTM with proj_size="
                    + o.projSize() + " cannot be exported");
        }
        int d = o.directions(), h = o.hiddenSize(), layers = o.numLayers();
        boolean lstm = o.mode() == Mode.LSTM;
        String[] h0s = perLayer(g, h0, layers, d);
        String[] c0s = lstm ? perLayer(g, c0, layers, d) : null;
        List<String> hn = new ArrayList<>(), cn = new ArrayList<>();
        for (int layer = 0; layer < layers; layer++) {
            String p = "l" + layer;
            String y = "Y_" + p;
            String yh = layers == 1 ? hNName : "Y_h_" + p;
            String yc = layers == 1 ? cNName : "Y_c_" + p;
            operator(g, "layer_" + layer, o.mode(), h, o.bidirectional(), LayerWeights.of(state, prefix, o, layer), p,
                    x, lengths, h0s[layer], lstm ? c0s[layer] : null, y, yh, yc);
            hn.add(yh);
            cn.add(yc);
            x = joinDirections(g, y, p, d, h);
        }
        if (layers > 1) {
            g.node("Concat", hNName, hn.toArray(String[]::new), new String[]{hNName},
                    OnnxGraph.Attribute.integer("axis", 0));
            if (lstm) {
                g.node("Concat", cNName, cn.toArray(String[]::new), new String[]{cNName},
                        OnnxGraph.Attribute.integer("axis", 0));
            }
        }
        return new Outputs(x, hNName, lstm ? cNName : null);
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

    /**
     * One ONNX RNN/LSTM/GRU operator, named node, and its weights (W_p, R_p, B_p): steps x (L, N, I), the
     * sequences' lengths (or ""), states h0 and c0 (c0 null but for an LSTM) of shape (D, N, H), to Y (L, D, N, H),
     * zero past each sequence's length, and Y_h and Y_c (D, N, H), each sequence's state after its own last step.
     */
    static void operator(OnnxGraph g, String node, Mode mode, int hidden, boolean bidirectional, LayerWeights w,
                         String p, String x, String lengths, String h0, String c0, String y, String yh, String yc) {
        int d = bidirectional ? 2 : 1;
        g.initializer("W_" + p, new long[]{d, w.gh, w.inputSize}, w.w);
        g.initializer("R_" + p, new long[]{d, w.gh, hidden}, w.r);
        String b = "";
        if (w.b != null) {
            b = "B_" + p;
            g.initializer(b, new long[]{d, 2L * w.gh}, w.b);
        }
        boolean lstm = mode == Mode.LSTM;
        String[] in = lstm ? new String[]{x, "W_" + p, "R_" + p, b, lengths, h0, c0}
                : new String[]{x, "W_" + p, "R_" + p, b, lengths, h0};
        String[] out = lstm ? new String[]{y, yh, yc} : new String[]{y, yh};
        g.node(opType(mode), node, in, out, attributes(mode, hidden, bidirectional));
    }

    private static String opType(Mode mode) {
        return switch (mode) {
            case RNN_TANH, RNN_RELU -> "RNN";
            case LSTM -> "LSTM";
            case GRU -> "GRU";
        };
    }

    private static OnnxGraph.Attribute[] attributes(Mode mode, int hidden, boolean bidirectional) {
        List<OnnxGraph.Attribute> a = new ArrayList<>();
        a.add(OnnxGraph.Attribute.integer("hidden_size", hidden));
        a.add(OnnxGraph.Attribute.string("direction", bidirectional ? "bidirectional" : "forward"));
        if (mode == Mode.RNN_TANH || mode == Mode.RNN_RELU) {
            String f = mode == Mode.RNN_TANH ? "Tanh" : "Relu";
            a.add(bidirectional ? OnnxGraph.Attribute.strings("activations", f, f)
                    : OnnxGraph.Attribute.strings("activations", f));
        }
        if (mode == Mode.GRU) {
            a.add(OnnxGraph.Attribute.integer("linear_before_reset", 1));
        }
        return a.toArray(OnnxGraph.Attribute[]::new);
    }
}
