package dev.rnn4j.internal.vector;

import dev.rnn4j.internal.kernel.gemm.PackedMatrix;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The warm-up ends only when the kernels run compiled, on real layer shapes too: the first call of a layer after it
 * must not run boxed (which allocates for every vector operation). Runs in a JVM of its own, with no background
 * warm-up, so that nothing else has compiled the kernels before.
 */
class WarmUpTest {
    private final Random random = new Random(3);

    private float[] filled(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }

    @Test
    void aLayersFirstCallsAfterTheWarmUpAllocateNothing() {
        long t0 = System.nanoTime();
        int rounds = WarmUp.run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds < 4.9, "the warm-up ran to its cap (" + rounds + " rounds, " + seconds + " s)");
        int rows = 16, k = 256, n = 1024;
        for (int hidden : new int[] {256, 100}) {
            VectorGateRows gates = new VectorGateRows();
            float[] hh = filled(rows * 4 * hidden), pre = filled(rows * 4 * hidden), b = filled(4 * hidden);
            float[] prev = filled(rows * hidden), h = new float[rows * hidden], c = new float[rows * hidden];
            float[] saved = new float[rows * 5 * hidden], dh = filled(rows * hidden), dc = filled(rows * hidden);
            float[] d1 = new float[rows * 4 * hidden], d2 = new float[rows * 4 * hidden], e = new float[rows * hidden];
            assertAllocatesAtMost(0, "lstmForward, hidden " + hidden,
                    () -> gates.lstmForward(0, rows, hidden, hh, b, b, pre, 0, prev, 0, h, 0, c, 0, saved, 0));
            assertAllocatesAtMost(0, "lstmBackward, hidden " + hidden,
                    () -> gates.lstmBackward(0, rows, hidden, dh, 0, dc, 0, saved, 0, prev, 0, d1, 0));
            assertAllocatesAtMost(0, "gruForward, hidden " + hidden,
                    () -> gates.gruForward(0, rows, hidden, hh, b, b, pre, 0, prev, 0, h, 0, saved, 0));
            assertAllocatesAtMost(0, "gruBackward, hidden " + hidden,
                    () -> gates.gruBackward(0, rows, hidden, dh, 0, saved, 0, prev, 0, d1, 0, d2, 0, e, 0));
            assertAllocatesAtMost(0, "elmanForward, hidden " + hidden,
                    () -> gates.elmanForward(0, rows, hidden, false, hh, b, b, pre, 0, h, 0, saved, 0));
            assertAllocatesAtMost(0, "elmanBackward, hidden " + hidden,
                    () -> gates.elmanBackward(0, rows, hidden, false, dh, 0, saved, 0, d1, 0));
        }
        float[] w = filled(n * k), x = filled(rows * k), y = new float[rows * n];
        PackedMatrix wT = PackedGemm.pack(true, k, n, w, 0, k, false);
        // the GEMM's own objects, and its per-thread buffer for packed A growing once to this shape's 16 x 256;
        // a boxed GEMM allocates megabytes
        assertAllocatesAtMost(4096 + 4L * rows * k, "a recurrent step's GEMM",
                () -> PackedGemm.run(false, false, rows, n, k, x, 0, k, null, 0, 0, wT, y, 0, n, false, false));
    }

    private static void assertAllocatesAtMost(long bytes, String what, Runnable call) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        call.run();
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertTrue(allocated <= bytes, what + " allocated " + allocated + " bytes on its first call after the warm-up");
    }
}
