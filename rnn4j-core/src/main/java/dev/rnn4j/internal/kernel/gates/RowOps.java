package dev.rnn4j.internal.kernel.gates;

/**
 * Row-level helpers of the fused recurrent layers: bias rows, column sums and the adding of
 * state rows. The gate arithmetic itself is in the cells' files (LstmGates, GruGates, ElmanGates).
 */
public final class RowOps {

    private RowOps() {
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

    /** dst[i] = a[i] + b[i] for count values. */
    public static void sum(float[] a, int aOff, float[] b, int bOff, float[] dst, int dstOff, int count) {
        for (int i = 0; i < count; i++) {
            dst[dstOff + i] = a[aOff + i] + b[bOff + i];
        }
    }
}
