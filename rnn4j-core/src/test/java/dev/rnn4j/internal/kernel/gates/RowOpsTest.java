package dev.rnn4j.internal.kernel.gates;

import dev.rnn4j.internal.parallel.Parallel;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class RowOpsTest {

    /** Column sums big enough to split over threads: each column summed row by row, whatever the thread count. */
    @Test
    void columnSumsAddRowsInOrderWithAnyThreadCount() {
        int rows = 600, cols = 1030;
        Random rnd = new Random(5);
        float[] m = new float[3 + rows * cols];
        for (int i = 0; i < m.length; i++) {
            m[i] = (float) Math.scalb(rnd.nextGaussian(), rnd.nextInt(40) - 20);
        }
        float[] expected = new float[cols + 2];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                expected[2 + c] += m[3 + r * cols + c];
            }
        }
        int before = Parallel.getNumThreads();
        try {
            for (int threads = 1; threads <= 3; threads++) {
                Parallel.setNumThreads(threads);
                float[] out = new float[cols + 2];
                RowOps.addColumnSums(m, 3, rows, cols, out, 2);
                assertArrayEquals(expected, out, threads + " threads");
            }
        } finally {
            Parallel.setNumThreads(before);
        }
    }
}
