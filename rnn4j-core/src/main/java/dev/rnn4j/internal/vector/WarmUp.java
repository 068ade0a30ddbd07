package dev.rnn4j.internal.vector;

import com.sun.management.ThreadMXBean;
import dev.rnn4j.internal.kernel.gemm.PackedMatrix;

import java.lang.management.ManagementFactory;

/**
 * Runs every vector kernel on layer-like shapes, on one thread, until C2 has compiled it: the Vector API runs boxed,
 * a hundred times slower than compiled, until then, so a model's first call would otherwise take seconds. Shapes are
 * wide enough to take every vector branch (each tile height, edge columns, two depth blocks, every gate loop), so the
 * profiles C2 compiles from are those of real layers.
 *
 * <p>A kernel is compiled when a call of it stops allocating: boxed Vector API code (the interpreter's, or C1's,
 * which never intrinsifies it) allocates for every vector operation, C2's allocates nothing. Timing the whole round
 * could not tell: once the GEMM (most of a round's time) was compiled, the round looked settled while the gate loops
 * still ran at C1's tier and a layer's first call after the warm-up spent a third of its time in them, boxed.
 */
final class WarmUp {
    private static final int H = 32;
    private static final long MAX_NANOS = 5_000_000_000L;
    /** Settled: this many rounds in a row in which no kernel call allocated more than its bookkeeping. */
    private static final int SETTLED_ROUNDS = 40;
    /** A GEMM call's own objects (its panels and tasks), well under one boxed tile's vectors. */
    private static final long GEMM_BYTES_PER_CALL = 1024;
    /** How many of {@link #calls} are GEMMs (the rest run gate loops, which allocate nothing compiled). */
    private static final int GEMM_CALLS = 9;

    private final float[] a = filled(64 * 272, 0.01f);
    private final float[] b = filled(272 * 4 * H, -0.02f);
    private final float[] c = new float[64 * 4 * H];
    private final float[][] rows = new float[8][];
    private final PackedMatrix packed = PackedGemm.pack(true, H, 4 * H, b, 0, H, false);
    private final VectorGateRows gates = new VectorGateRows();

    private WarmUp() {
        for (int i = 0; i < rows.length; i++) {
            rows[i] = filled(4 * 8 * H, 0.03f * (i - 3));
        }
    }

    /** Until settled or five seconds; returns the rounds run. */
    static int run() {
        WarmUp w = new WarmUp();
        Runnable[] calls = w.calls();
        ThreadMXBean threads = allocationCounter();
        long id = Thread.currentThread().getId();
        long start = System.nanoTime();
        long best = Long.MAX_VALUE;
        int rounds = 0;
        // settled: for SETTLED_ROUNDS rounds in a row no call allocated past its bookkeeping and no round ran
        // faster than 0.95x the best (the timing rule alone where the JVM cannot count allocations)
        for (int quiet = 0, slower = 0; (quiet < SETTLED_ROUNDS || slower < SETTLED_ROUNDS)
                && System.nanoTime() - start < MAX_NANOS; rounds++) {
            boolean allocated = false;
            long t0 = System.nanoTime();
            for (int i = 0; i < calls.length; i++) {
                long before = threads == null ? 0 : threads.getThreadAllocatedBytes(id);
                calls[i].run();
                long bytes = threads == null ? 0 : threads.getThreadAllocatedBytes(id) - before;
                allocated |= bytes > (i < GEMM_CALLS ? GEMM_BYTES_PER_CALL : 0);
            }
            long t = System.nanoTime() - t0;
            quiet = allocated ? 0 : quiet + 1;
            if (t < best * 0.95) {
                best = t;
                slower = 0;
            } else {
                slower++;
            }
        }
        return rounds;
    }

    /** The JVM's per-thread allocation counter, or null where it has none. */
    private static ThreadMXBean allocationCounter() {
        if (ManagementFactory.getThreadMXBean() instanceof ThreadMXBean t && t.isThreadAllocatedMemorySupported()
                && t.isThreadAllocatedMemoryEnabled()) {
            return t;
        }
        return null;
    }

    /** The kernel calls of a round: the first {@link #GEMM_CALLS} are GEMMs, the rest gate loops. */
    private Runnable[] calls() {
        return new Runnable[] {
            // an input projection (B packed per panel), a weight gradient over two depth blocks, B read in place
            () -> PackedGemm.run(false, true, 40, 4 * H, H, a, 0, H, b, 0, H, null, c, 0, 4 * H, false, false),
            () -> PackedGemm.run(true, false, 8, 4 * H, 260, a, 0, 8, b, 0, 4 * H, null, c, 0, 4 * H, true, false),
            () -> PackedGemm.run(false, false, 3, 4 * H - 8, H, a, 0, H, b, 0, 4 * H, null, c, 0, 4 * H, false, false),
            // recurrent steps against a packed weight: batches that take each tile height
            () -> step(16, false), () -> step(7, true), () -> step(4, false), () -> step(3, false),
            () -> step(2, false), () -> step(1, false),
            () -> gateLoops(H), () -> gateLoops(H - 3),
        };
    }

    /** Every gate loop over 4 rows of {@code hidden} units (H - 3: a scalar tail after the whole vectors). */
    private void gateLoops(int hidden) {
        float[] x = rows[0], y = rows[1], z = rows[2], s = rows[3], d = rows[4], e = rows[5], f = rows[6];
        gates.lstmForward(0, 4, hidden, x, b, b, y, 0, z, 0, d, 0, e, 0, s, 0);
        gates.lstmBackward(0, 4, hidden, d, 0, e, 0, s, 0, z, 0, f, 0);
        gates.gruForward(0, 4, hidden, x, b, b, y, 0, z, 0, d, 0, s, 0);
        gates.gruBackward(0, 4, hidden, d, 0, s, 0, z, 0, f, 0, e, 0, rows[7], 0);
        gates.elmanForward(0, 4, hidden, false, x, b, b, y, 0, d, 0, s, 0);
        gates.elmanBackward(0, 4, hidden, false, d, 0, s, 0, f, 0);
        gates.elmanForward(0, 4, hidden, true, x, b, b, y, 0, d, 0, s, 0);
        gates.elmanBackward(0, 4, hidden, true, d, 0, s, 0, f, 0);
    }

    private void step(int m, boolean accumulate) {
        PackedGemm.run(false, false, m, 4 * H, H, a, 0, H, null, 0, 0, packed, c, 0, 4 * H, accumulate, false);
    }

    private static float[] filled(int n, float step) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = step * (i % 37 - 18);
        }
        return x;
    }
}
