package dev.rnn4j.onnx;

import dev.rnn4j.Tensor;
import dev.rnn4j.nn.RNNBase.Mode;
import dev.rnn4j.nn.RNNBase.Options;

import java.util.Map;

/**
 * One layer's weights as ONNX's recurrent operators take them: W (D, G·H, I), R (D, G·H, H) and B (D, 2·G·H), the
 * biases of the input then of the state, or null without biases; directions stacked forward then reverse, gate
 * blocks in ONNX's order.
 */
final class LayerWeights {
    /** For each of ONNX's gate blocks, the PyTorch block it takes: LSTM i,o,f,c from i,f,g,o; GRU z,r,h from r,z,n. */
    private static final int[] LSTM_ORDER = {0, 3, 1, 2}, GRU_ORDER = {1, 0, 2}, RNN_ORDER = {0};

    final int gh, inputSize;
    final float[] w, r, b;

    private LayerWeights(int gh, int inputSize, float[] w, float[] r, float[] b) {
        this.gh = gh;
        this.inputSize = inputSize;
        this.w = w;
        this.r = r;
        this.b = b;
    }

    /** Layer {@code layer} of a module with options o, its weights named as the module names them under prefix. */
    static LayerWeights of(Map<String, Tensor> state, String prefix, Options o, int layer) {
        String[] suffixes = o.bidirectional() ? new String[]{"_l" + layer, "_l" + layer + "_reverse"}
                : new String[]{"_l" + layer};
        int inputSize = layer == 0 ? o.inputSize() : o.directions() * o.hiddenSize();
        return of(state, prefix, suffixes, o.mode(), inputSize, o.hiddenSize(), o.bias());
    }

    /**
     * The weights of one direction per suffix (a cell's: weight_ih; a module's: weight_ih_l0, weight_ih_l0_reverse)
     * of a cell or layer of mode.
     */
    static LayerWeights of(Map<String, Tensor> state, String prefix, String[] suffixes, Mode mode, int inputSize,
                           int h, boolean bias) {
        int[] order = switch (mode) {
            case LSTM -> LSTM_ORDER;
            case GRU -> GRU_ORDER;
            case RNN_TANH, RNN_RELU -> RNN_ORDER;
        };
        int d = suffixes.length, gh = order.length * h;
        float[] w = new float[d * gh * inputSize], r = new float[d * gh * h];
        float[] b = bias ? new float[d * 2 * gh] : null;
        for (int dir = 0; dir < d; dir++) {
            String suffix = suffixes[dir];
            reorder(state.get(prefix + "weight_ih" + suffix), order, h * inputSize, w, dir * gh * inputSize);
            reorder(state.get(prefix + "weight_hh" + suffix), order, h * h, r, dir * gh * h);
            if (b != null) {
                reorder(state.get(prefix + "bias_ih" + suffix), order, h, b, dir * 2 * gh);
                reorder(state.get(prefix + "bias_hh" + suffix), order, h, b, dir * 2 * gh + gh);
            }
        }
        return new LayerWeights(gh, inputSize, w, r, b);
    }

    /** Copies t's gate blocks (block floats each) to dst at offset, block k of dst taken from block order[k]. */
    private static void reorder(Tensor t, int[] order, int block, float[] dst, int offset) {
        float[] src = t.toFloatArray();
        for (int k = 0; k < order.length; k++) {
            System.arraycopy(src, order[k] * block, dst, offset + k * block, block);
        }
    }
}
