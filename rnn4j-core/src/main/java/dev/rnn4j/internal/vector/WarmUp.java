package dev.rnn4j.internal.vector;

import dev.rnn4j.internal.kernel.gemm.PackedMatrix;

/**
 * Runs every vector kernel on layer-like shapes, on one thread, until its compiled code settles: the Vector API
 * runs boxed, a hundred times slower than compiled, until C2 has compiled a kernel, so a model's first call would
 * otherwise take seconds. Shapes are wide enough to take every vector branch (8, 4, 2 and 1-row tiles, edge columns,
 * two depth blocks, every gate loop), so the profiles C2 compiles from are those of real layers.
 */
final class WarmUp {
    private static final int H = 32;
    private static final long MAX_NANOS = 5_000_000_000L;
    /** Settled: this many rounds in a row no faster than 0.95× the best so far. */
    private static final int SETTLED_ROUNDS = 40;

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
        long start = System.nanoTime();
        long best = Long.MAX_VALUE;
        int rounds = 0;
        for (int slower = 0; slower < SETTLED_ROUNDS && System.nanoTime() - start < MAX_NANOS; rounds++) {
            long t0 = System.nanoTime();
            w.round();
            long t = System.nanoTime() - t0;
            if (t < best * 0.95) {
                best = t;
                slower = 0;
            } else {
                slower++;
            }
        }
        return rounds;
    }

    private void round() {
        // an input projection (B packed per panel), a weight gradient over two depth blocks, B read in place
        PackedGemm.run(false, true, 40, 4 * H, H, a, 0, H, b, 0, H, null, c, 0, 4 * H, false, false);
        PackedGemm.run(true, false, 8, 4 * H, 260, a, 0, 8, b, 0, 4 * H, null, c, 0, 4 * H, true, false);
        PackedGemm.run(false, false, 3, 4 * H - 8, H, a, 0, H, b, 0, 4 * H, null, c, 0, 4 * H, false, false);
        // recurrent steps against a packed weight: batches that take each tile height
        for (int m : new int[] {16, 7, 4, 3, 2, 1}) {
            PackedGemm.run(false, false, m, 4 * H, H, a, 0, H, null, 0, 0, packed, c, 0, 4 * H, m == 7, false);
        }
        float[] x = rows[0], y = rows[1], z = rows[2], s = rows[3], d = rows[4], e = rows[5], f = rows[6];
        gates.lstmForward(0, 4, H, x, b, b, y, 0, z, 0, d, 0, e, 0, s, 0);
        gates.lstmBackward(0, 4, H, d, 0, e, 0, s, 0, z, 0, f, 0);
        gates.gruForward(0, 4, H, x, b, b, y, 0, z, 0, d, 0, s, 0);
        gates.gruBackward(0, 4, H, d, 0, s, 0, z, 0, f, 0, e, 0, rows[7], 0);
        gates.elmanForward(0, 4, H, false, x, b, b, y, 0, d, 0, s, 0);
        gates.elmanBackward(0, 4, H, true, d, 0, s, 0, f, 0);
    }

    private static float[] filled(int n, float step) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = step * (i % 37 - 18);
        }
        return x;
    }
}
