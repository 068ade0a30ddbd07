package dev.rnn4j.internal.vector;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.internal.kernel.gemm.Arithmetic;
import dev.rnn4j.internal.kernel.gemm.PackedMatrix;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Once C2 has compiled them, the vector kernels allocate nothing per call but the GEMM's few blocking objects: a
 * Vector API value that falls back to boxed code (see VectorSleef) allocates for every operation, so a kernel that
 * keeps allocating after warm-up is one running many times slower than it should. Real layer shapes: 16 rows (a
 * thread's share of a batch of 32), 256 and 100 hidden units (whole vectors, and a scalar tail).
 */
class CompiledKernelsAllocationTest {
    private static final int ROWS = LayerKernelCalls.ROWS;
    /** What one call may allocate: the GEMM's panel and task objects; a boxed kernel allocates megabytes. */
    private static final long BYTES_PER_CALL = 4096;
    private static final long DEADLINE_NANOS = 60_000_000_000L;

    private final LayerKernelCalls layer = new LayerKernelCalls(7);

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void gateKernelsStopAllocatingOnceCompiled(boolean exact) {
        inArithmetic(exact, () -> {
            for (int hidden : new int[] {256, 100}) {
                assertSettles("gates, hidden " + hidden + (exact ? ", exact" : ""), gateRound(hidden));
            }
        });
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void gemmStopsAllocatingOnceCompiled(boolean exact) {
        inArithmetic(exact, () -> {
            int k = 256, n = 1024;
            float[] w = layer.filled(n * k), x = layer.filled(ROWS * k), y = new float[ROWS * n];
            float[] g = layer.filled(ROWS * n);
            float[] dw = new float[n * k];
            PackedMatrix wT = PackedGemm.pack(true, k, n, w, 0, k, false);
            VectorGemm gemm = new VectorGemm(0);
            Runnable round = () -> {
                gemm.gemm(false, ROWS, n, k, x, 0, k, wT, y, 0, n, false);    // a recurrent step
                gemm.gemm(false, ROWS - 3, n, k, x, 0, k, wT, y, 0, n, true); // rows left over, accumulated
                gemm.gemm(true, false, n, k, ROWS, g, 0, n, x, 0, k, dw, 0, k, true); // a weight gradient
                gemm.gemm(false, false, ROWS, 64, n, g, 0, n, w, 0, 64, y, 0, 64, false); // an input gradient: A in place
            };
            assertSettles("gemm" + (exact ? ", exact" : ""), round);
        });
    }

    private static void inArithmetic(boolean exact, Runnable body) {
        boolean before = Arithmetic.exact();
        Arithmetic.setExact(exact);
        try {
            body.run();
        } finally {
            Arithmetic.setExact(before);
        }
    }

    private Runnable gateRound(int hidden) {
        Runnable[] calls = layer.gateLoops(hidden).values().toArray(new Runnable[0]);
        return () -> {
            for (Runnable call : calls) {
                call.run();
            }
        };
    }

    /** Runs round until 20 calls in a row allocate little; fails if that never happens before the deadline. */
    private static void assertSettles(String what, Runnable round) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long start = System.nanoTime();
        long last = Long.MAX_VALUE;
        int quiet = 0;
        while (quiet < 20 && System.nanoTime() - start < DEADLINE_NANOS) {
            long before = threads.getThreadAllocatedBytes(id);
            round.run();
            last = threads.getThreadAllocatedBytes(id) - before;
            quiet = last <= BYTES_PER_CALL ? quiet + 1 : 0;
        }
        assertTrue(quiet >= 20, what + " still allocates " + last + " bytes a call after "
                + (System.nanoTime() - start) / 1_000_000 + " ms");
    }
}
