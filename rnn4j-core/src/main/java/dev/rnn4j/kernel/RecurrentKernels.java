package dev.rnn4j.kernel;

/**
 * Row-level helpers of the fused recurrent layers: bias rows, column sums, transposes, and
 * the gathering and adding of state rows. The gate arithmetic itself is in {@link GateMath}.
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

    /** dst[i] = a[i] + b[i] for count values. */
    public static void sum(float[] a, int aOff, float[] b, int bOff, float[] dst, int dstOff, int count) {
        for (int i = 0; i < count; i++) {
            dst[dstOff + i] = a[aOff + i] + b[bOff + i];
        }
    }
}
