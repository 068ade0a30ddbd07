package dev.rnn4j.internal.kernel.gemm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ScalarGemmTest {
    private final Gemm gemm = new ScalarGemm();

    private void check(GemmCase g) {
        double[] scale = {0};
        double[] ref = g.reference(scale);
        // float summation of k terms: error grows like sqrt(k) ulps for random signs
        g.assertMatches(g.run(gemm), ref, 1e-6 * Math.sqrt(Math.max(1, g.k)) + 1e-7, scale[0]);
    }

    @Test
    void allTransposesEdgeSizes() {
        Random rnd = new Random(1);
        int[] sizes = {0, 1, 2, 3, 7, 16, 17, 33};
        for (int mask = 0; mask < 16; mask++) {
            boolean ta = (mask & 1) != 0, tb = (mask & 2) != 0, padded = (mask & 4) != 0, acc = (mask & 8) != 0;
            for (int m : sizes) {
                for (int n : sizes) {
                    for (int k : new int[] {0, 1, 5, 33}) {
                        check(new GemmCase(rnd, ta, tb, m, n, k, padded, acc));
                    }
                }
            }
        }
    }

    @Test
    void randomShapes() {
        Random rnd = new Random(2);
        for (int t = 0; t < 200; t++) {
            check(new GemmCase(rnd, rnd.nextBoolean(), rnd.nextBoolean(), 1 + rnd.nextInt(70), 1 + rnd.nextInt(70),
                    1 + rnd.nextInt(300), rnd.nextBoolean(), rnd.nextBoolean()));
        }
    }

    /** Each element of C rounded as {@link Arithmetic} defines it, in both arithmetics, bit for bit. */
    @Test
    void roundsAsArithmeticDefines() {
        Random rnd = new Random(9);
        boolean before = Arithmetic.exact();
        try {
            for (boolean exact : new boolean[] {false, true}) {
                Arithmetic.setExact(exact);
                for (int[] s : new int[][] {{3, 5, 1}, {9, 17, 256}, {4, 33, 257}, {2, 300, 700}, {5, 7, 1000}}) {
                    for (int mask = 0; mask < 8; mask++) {
                        GemmCase g = new GemmCase(rnd, (mask & 1) != 0, (mask & 2) != 0, s[0], s[1], s[2], true,
                                (mask & 4) != 0);
                        float[] got = g.run(gemm);
                        for (int i = 0; i < g.m; i++) {
                            for (int j = 0; j < g.n; j++) {
                                int at = g.cOff + i * g.ldc + j;
                                float want = exact ? referenceOrder(g, i, j) : blockedFma(g, i, j);
                                assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(got[at]),
                                        (exact ? "exact " : "default ") + g + " at " + i + "," + j);
                            }
                        }
                    }
                }
            }
        } finally {
            Arithmetic.setExact(before);
        }
    }

    /** The reference BLAS: one running sum, a rounded product then a rounded sum per term. */
    private static float referenceOrder(GemmCase g, int i, int j) {
        float t = 0f;
        for (int p = 0; p < g.k; p++) {
            t += g.opA(i, p) * g.opB(p, j);
        }
        return g.accumulate ? g.c0[g.cOff + i * g.ldc + j] + t : t;
    }

    /** The default: a fused sum from zero per depth block, each block added to C. */
    private static float blockedFma(GemmCase g, int i, int j) {
        int block = DepthBlocks.size(g.k);
        float c = g.c0[g.cOff + i * g.ldc + j];
        for (int p0 = 0; p0 < g.k; p0 += block) {
            float t = 0f;
            for (int p = p0; p < Math.min(g.k, p0 + block); p++) {
                t = Math.fma(g.opA(i, p), g.opB(p, j), t);
            }
            c = p0 == 0 && !g.accumulate ? t : c + t;
        }
        return c;
    }

    /**
     * Why the default arithmetic blocks its sums: 4096 equal terms 0.1f·1 (a weight gradient sums over time steps ×
     * batch) summed in one running float sum drift from their exact sum by 1.6e-2, thirty times PyTorch's float32
     * tolerance (rtol 1.3e-6, atol 1e-5); sixteen blocks of 256 drift by 1.0e-3, two tolerances.
     */
    @Test
    void blockedSumsStayAccurate() {
        int k = 4096;
        float[] a = new float[k], b = new float[k];
        java.util.Arrays.fill(a, 0.1f);
        java.util.Arrays.fill(b, 1f);
        double exactSum = k * (double) 0.1f;
        double tolerance = 1e-5 + 1.3e-6 * exactSum;
        boolean before = Arithmetic.exact();
        try {
            float[] c = new float[1];
            Arithmetic.setExact(true);
            gemm.gemm(false, false, 1, 1, k, a, 0, k, b, 0, 1, c, 0, 1, false);
            double runningError = Math.abs(c[0] - exactSum);
            Arithmetic.setExact(false);
            gemm.gemm(false, false, 1, 1, k, a, 0, k, b, 0, 1, c, 0, 1, false);
            double blockedError = Math.abs(c[0] - exactSum);
            assertTrue(runningError > 10 * tolerance, "one running sum off by only " + runningError);
            assertTrue(blockedError < Math.min(runningError / 10, 3 * tolerance), "blocked sum off by "
                    + blockedError + ", running sum by " + runningError);
        } finally {
            Arithmetic.setExact(before);
        }
    }

    @Test
    void kZeroClearsOrKeeps() {
        float[] c = {5, 6, 7, 8};
        gemm.gemm(false, false, 2, 2, 0, new float[0], 0, 1, new float[2], 0, 2, c, 0, 2, true);
        assertArrayEquals(new float[] {5, 6, 7, 8}, c);
        gemm.gemm(false, false, 2, 2, 0, new float[0], 0, 1, new float[2], 0, 2, c, 0, 2, false);
        assertArrayEquals(new float[4], c);
    }

    @Test
    void rejectsBadArguments() {
        float[] x = new float[4];
        assertThrows(IllegalArgumentException.class, () -> gemm.gemm(false, false, -1, 2, 2, x, 0, 2, x, 0, 2, x, 0, 2, false));
        assertThrows(IllegalArgumentException.class, () -> gemm.gemm(false, false, 2, 2, 2, x, 0, 1, x, 0, 2, x, 0, 2, false));
        assertThrows(IndexOutOfBoundsException.class, () -> gemm.gemm(false, false, 2, 2, 2, x, 1, 2, x, 0, 2, x, 0, 2, false));
        assertThrows(IndexOutOfBoundsException.class, () -> gemm.gemm(true, true, 3, 2, 2, x, 0, 3, x, 0, 2, x, 0, 2, false));
    }
}
