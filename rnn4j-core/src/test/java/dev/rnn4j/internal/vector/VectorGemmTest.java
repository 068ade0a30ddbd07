package dev.rnn4j.internal.vector;

import dev.rnn4j.internal.kernel.gemm.Gemm;
import dev.rnn4j.internal.kernel.gemm.GemmCase;
import dev.rnn4j.internal.kernel.gemm.PackedMatrix;
import dev.rnn4j.internal.kernel.gemm.ScalarGemm;
import dev.rnn4j.internal.parallel.Parallel;

import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class VectorGemmTest {
    private final Gemm vector = new VectorGemm(0);   // every product in the vector kernels, however small
    private final Gemm scalar = new ScalarGemm();

    /** Vector against the scalar twin: the same arithmetic in the same order, so the same bits. */
    private void check(GemmCase g) {
        float[] expected = g.run(scalar);
        float[] actual = g.run(vector);
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                assertEquals(expected[i], actual[i], g + ": first difference at C storage index " + i);
            }
        }
    }

    /** A pre-packed B, packed and used by either implementation, against the scalar product with B itself. */
    private void checkPacked(GemmCase g) {
        float[] expected = g.run(scalar);
        Gemm[] gemms = {vector, scalar};
        for (Gemm packer : gemms) {
            for (Gemm user : gemms) {
                float[] actual = g.runPacked(packer, user);
                for (int i = 0; i < expected.length; i++) {
                    if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                        assertEquals(expected[i], actual[i], g + " packed by " + packer + ", run by " + user
                                + ": first difference at C storage index " + i);
                    }
                }
            }
        }
    }

    private static void forAllCombos(Random rnd, int m, int n, int k, java.util.function.Consumer<GemmCase> body) {
        for (int mask = 0; mask < 16; mask++) {
            body.accept(new GemmCase(rnd, (mask & 1) != 0, (mask & 2) != 0, m, n, k, (mask & 4) != 0, (mask & 8) != 0));
        }
    }

    @Test
    void tailsOneTo33() {
        Random rnd = new Random(3);
        for (int m = 0; m <= 33; m += 1) {
            for (int n : new int[] {0, 1, 2, 15, 16, 17, 31, 32, 33}) {
                forAllCombos(rnd, m, n, 1 + (m * 7 + n) % 40, this::check);
            }
        }
        for (int n = 1; n <= 33; n++) {
            forAllCombos(rnd, 9, n, 17, this::check);
        }
        forAllCombos(rnd, 5, 5, 0, this::check);
    }

    /** Sizes straddling the tile (8×32 with 16 lanes; 4×32 exact), row block (128), depth block (256) and column panel (4096). */
    @Test
    void blockBoundaries() {
        Random rnd = new Random(4);
        int[][] shapes = {{127, 31, 255}, {128, 32, 256}, {129, 33, 257}, {136, 64, 512}, {257, 65, 513},
                {1, 4097, 3}, {3, 4130, 20}, {130, 40, 600}};
        for (int[] s : shapes) {
            forAllCombos(rnd, s[0], s[1], s[2], this::check);
        }
    }

    @Test
    void randomShapes() {
        Random rnd = new Random(5);
        for (int t = 0; t < 150; t++) {
            check(new GemmCase(rnd, rnd.nextBoolean(), rnd.nextBoolean(), 1 + rnd.nextInt(150), 1 + rnd.nextInt(150),
                    1 + rnd.nextInt(400), rnd.nextBoolean(), rnd.nextBoolean()));
        }
    }

    /** The recurrent hot path: h (N,H) · W_hhᵀ with W_hh (4H,H); and its backward shapes. */
    @Test
    void recurrentShapes() {
        Random rnd = new Random(6);
        for (int batch : new int[] {1, 2, 3, 7, 8, 9, 64}) {
            check(new GemmCase(rnd, false, true, batch, 1024, 256, false, true));
        }
        for (int n = 1; n <= 9; n++) {
            check(new GemmCase(rnd, false, true, 3, n, 16 * n + n % 3, true, n % 2 == 0)); // tails
            check(new GemmCase(rnd, false, false, n, 1000 + n, 256, n % 2 == 0, n % 3 == 0)); // B read in place
        }
        check(new GemmCase(rnd, true, false, 96, 40, 300, false, true));  // dW = dYᵀ·X
        check(new GemmCase(rnd, false, false, 300, 40, 96, false, false)); // dX = dY·W
    }

    @Test
    void packedBTails() {
        Random rnd = new Random(7);
        for (int m = 0; m <= 13; m++) {
            for (int n : new int[] {0, 1, 15, 16, 17, 31, 32, 33, 64, 65}) {
                forAllCombos(rnd, m, n, 1 + (m * 5 + n) % 37, this::checkPacked);
            }
        }
        forAllCombos(rnd, 3, 5, 0, this::checkPacked);
        forAllCombos(rnd, 0, 5, 4, this::checkPacked);
    }

    /** Several depth blocks and column panels, more than one row block, and the parallel split. */
    @Test
    void packedBBlocks() {
        Random rnd = new Random(8);
        int[][] shapes = {{1, 2048, 512}, {7, 1000, 513}, {33, 300, 257}, {64, 2048, 512}, {129, 65, 600},
                {2, 4130, 20}, {130, 4097, 9}};
        int threads = Parallel.getNumThreads();
        try {
            for (int t : new int[] {1, 3}) {
                Parallel.setNumThreads(t);
                for (int[] s : shapes) {
                    forAllCombos(rnd, s[0], s[1], s[2], this::checkPacked);
                }
            }
        } finally {
            Parallel.setNumThreads(threads);
        }
    }

    /** A packed matrix is a copy: later changes to the source do not reach it. */
    @Test
    void packedBIsACopy() {
        for (Gemm g : new Gemm[] {vector, scalar}) {
            float[] b = {1, 2, 3, 4};
            PackedMatrix p = g.pack(false, 2, 2, b, 0, 2);
            b[0] = 100;
            float[] c = new float[2];
            g.gemm(false, 1, 2, 2, new float[] {1, 1}, 0, 2, p, c, 0, 2, false);
            assertEquals(4f, c[0], g.toString());
            assertEquals(6f, c[1], g.toString());
        }
    }

    @Test
    void packedBRejectsWrongShape() {
        for (Gemm g : new Gemm[] {vector, scalar}) {
            PackedMatrix p = g.pack(true, 3, 2, new float[6], 0, 3);
            assertEquals(3, p.rows());
            assertEquals(2, p.cols());
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> g.gemm(false, 1, 3, 2, new float[2], 0, 2, p, new float[3], 0, 3, false));
            org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class,
                    () -> g.gemm(false, 2, 2, 3, new float[3], 0, 3, p, new float[4], 0, 2, false));
        }
    }

    /** The same product, bit for bit, with 1 and 2 threads: the split is over C, never over k. */
    @Test
    void gemmResultIndependentOfThreadCount() {
        Random rnd = new Random(7);
        Gemm g = new VectorGemm();
        int[][] shapes = {{300, 520, 700}, {64, 1024, 256}, {1000, 96, 130}, {5, 1030, 300}, {32, 256, 1024},
                {9, 300, 600}};
        for (int[] s : shapes) {
            for (int mask = 0; mask < 4; mask++) {
                GemmCase c = new GemmCase(rnd, (mask & 1) != 0, (mask & 2) != 0, s[0], s[1], s[2], true, true);
                Parallel.setNumThreads(1);
                float[] one = c.run(g);
                Parallel.setNumThreads(2);
                float[] two = c.run(g);
                Parallel.setNumThreads(3);
                float[] three = c.run(g);
                assertArrayEquals(one, two, c.toString());
                assertArrayEquals(one, three, c.toString());
            }
        }
    }
}
