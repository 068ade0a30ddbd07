package dev.rnn4j.kernel;

/**
 * The element-wise part of the fused recurrent layers: gate bias and activation after the
 * step's GEMM, and its derivative in the backward pass. Float operations keep PyTorch's
 * order, {@code act((h·W_hhᵀ + b_hh) + (x·W_ihᵀ + b_ih))}, so results round as PyTorch's do.
 */
public final class RecurrentKernels {

    private RecurrentKernels() {
    }

    /** m (rows, cols) += bias (cols) on every row. */
    public static void addBiasRows(float[] m, int off, int rows, int cols, float[] bias, int biasOff) {
        for (int r = 0; r < rows; r++) {
            int row = off + r * cols;
            for (int c = 0; c < cols; c++) {
                m[row + c] += bias[biasOff + c];
            }
        }
    }

    /** out (cols) += the sum over rows of m (rows, cols). */
    public static void addColumnSums(float[] m, int off, int rows, int cols, float[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            int row = off + r * cols;
            for (int c = 0; c < cols; c++) {
                out[outOff + c] += m[row + c];
            }
        }
    }

    /**
     * One Elman step: h (n, hidden) = act((hh + bHh) + pre), with hh and pre (n, hidden).
     *
     * @param bHh the hidden bias (hidden), or null
     */
    public static void rnnStepForward(boolean relu, int n, int hidden, float[] hh, float[] bHh, float[] pre,
                                      int preOff, float[] h, int hOff) {
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < hidden; j++) {
                int i = r * hidden + j;
                float gate = bHh == null ? hh[i] : hh[i] + bHh[j];
                float v = gate + pre[preOff + i];
                h[hOff + i] = relu ? (v > 0f ? v : 0f) : (float) Math.tanh(v);
            }
        }
    }

    /** dGate (count) = dh · act'(gate), where act' is written from the step's output h. */
    public static void rnnStepBackward(boolean relu, int count, float[] dh, float[] h, int hOff, float[] dGate,
                                       int dGateOff) {
        for (int i = 0; i < count; i++) {
            float out = h[hOff + i];
            dGate[dGateOff + i] = relu ? (out > 0f ? dh[i] : 0f) : dh[i] * (1f - out * out);
        }
    }

    /** dst (cols, rows) = srcᵀ for src (rows, cols): weights turned once per sequence so every step reads them in place. */
    public static float[] transpose(float[] src, int rows, int cols) {
        float[] dst = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                dst[c * rows + r] = src[r * cols + c];
            }
        }
        return dst;
    }

    /** a (count) += b (count). */
    public static void add(float[] a, int aOff, float[] b, int bOff, int count) {
        for (int i = 0; i < count; i++) {
            a[aOff + i] += b[bOff + i];
        }
    }
}
