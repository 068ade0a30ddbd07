package dev.rnn4j.internal.kernel.gates;

import dev.rnn4j.internal.parallel.Parallel;

/**
 * Row-level helpers of the fused recurrent layers: bias rows, column sums and the adding of
 * state rows. The gate arithmetic itself is in the cells' files (LstmGates, GruGates, ElmanGates).
 */
public final class RowOps {
    /** Column sums over at least this many elements split over the pool (a memory-bound pass). */
    private static final long COLUMN_SUMS_PARALLEL_MIN = 1L << 18;
    private static final int COLUMN_SUMS_MIN_RUN = 256;

    private RowOps() {
    }

    /**
     * out (cols) += the sum over rows of m (rows, cols), row by row. Big matrices (a layer's gate gradient over all
     * steps, 8 MB in the char model) split their columns over the pool: each column still sums its rows in order.
     */
    public static void addColumnSums(float[] m, int off, int rows, int cols, float[] out, int outOff) {
        if ((long) rows * cols < COLUMN_SUMS_PARALLEL_MIN) {
            addColumnSums(m, off, rows, cols, out, outOff, 0, cols);
            return;
        }
        // one run of columns per thread: narrower runs read each row in scattered pieces (measured: slower than one
        // thread in 64-column chunks)
        int threads = Parallel.getNumThreads();
        Parallel.parallelFor(cols, Math.max(COLUMN_SUMS_MIN_RUN, (cols + threads - 1) / threads),
                (c0, c1) -> addColumnSums(m, off, rows, cols, out, outOff, c0, c1));
    }

    private static void addColumnSums(float[] m, int off, int rows, int cols, float[] out, int outOff, int c0,
                                      int c1) {
        for (int r = 0; r < rows; r++) {
            int row = off + r * cols;
            for (int c = c0; c < c1; c++) {
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
