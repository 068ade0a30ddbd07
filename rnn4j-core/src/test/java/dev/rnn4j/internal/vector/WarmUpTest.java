package dev.rnn4j.internal.vector;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The warm-up ends only when the kernels run compiled, on real layer shapes too: the first call of a layer after it
 * must not run boxed (which allocates for every vector operation). Runs in a JVM of its own, with no background
 * warm-up, so that nothing else has compiled the kernels before.
 */
class WarmUpTest {
    private final LayerKernelCalls layer = new LayerKernelCalls(3);

    @Test
    void aLayersFirstCallsAfterTheWarmUpAllocateNothing() {
        long t0 = System.nanoTime();
        int rounds = WarmUp.run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds < 4.9, "the warm-up ran to its cap (" + rounds + " rounds, " + seconds + " s)");
        for (int hidden : new int[] {256, 100}) {
            for (Map.Entry<String, Runnable> call : layer.gateLoops(hidden).entrySet()) {
                assertAllocatesAtMost(0, call.getKey() + ", hidden " + hidden, call.getValue());
            }
        }
        int k = 256, n = 1024;
        // the GEMM's own objects, and its per-thread buffer for packed A growing once to this shape's 16 x 256;
        // a boxed GEMM allocates megabytes
        assertAllocatesAtMost(4096 + 4L * LayerKernelCalls.ROWS * k, "a recurrent step's GEMM",
                layer.recurrentStep(n, k));
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
