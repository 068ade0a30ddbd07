package dev.rnn4j.internal.kernel.gemm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
