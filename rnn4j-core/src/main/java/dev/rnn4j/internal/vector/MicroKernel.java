package dev.rnn4j.internal.vector;

import dev.rnn4j.internal.kernel.gemm.Arithmetic;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register tile of the default arithmetic ({@link Arithmetic}): an MR×NR block of sums kept in 2·MR vector
 * registers while it runs down a packed A strip and a B strip, one depth block long. Each depth step is one
 * broadcast of an A element and two fused multiply-adds per row, so 16 (AVX-512) or 8 (AVX2) independent sums keep
 * both FMA pipes busy through their latency. The sums start at zero and end as C = t or C = C + t: a later depth
 * block adds its own sum, as the plain twin does. Fewer rows (a batch of 1 to 4, the last rows of A) run a 1-, 2- or
 * 4-row tile. The tile's height changes no sum: every element of C gets the same bits with either.
 *
 * <p>The tile methods only compute and store, straight into C when they can, else into a scratch tile that a
 * second, small method adds to C or cuts at its edge. C2 stops inlining once a method's graph passes a node
 * budget, and a Vector API call left un-inlined falls back to boxed code a hundred times slower: an 8-row tile that
 * also loaded and added C in place was past it.
 */
final class MicroKernel {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /**
     * 2·MR sums, two B vectors and the broadcast A elements must fit the register file: 8 rows in AVX-512's 32
     * registers, 4 in AVX2's 16. With 8 rows there, C2 keeps some sums on the stack, and the store-to-load round
     * trip on their chains halves the kernel (measured on an AVX2 EPYC: 8 rows 41-48 GFLOP/s, 6 rows 35, 4 rows
     * 60-86, one core).
     */
    static final int MR = L >= 16 ? 8 : 4;
    static final int NR = 2 * L;

    private MicroKernel() {}

    /**
     * C[0:rows, 0:cols] = (C +) Ap·Bp, where Ap is (MR,kc) packed as ap[aBase + p*MR + r] and Bp is (kc,NR) read as
     * bp[bBase + p*bStride + j] (packed: bStride = NR; or B's own rows); scratch holds MR·NR floats. rows ≤ MR.
     */
    static void run(int kc, float[] ap, int aBase, float[] bp, int bBase, int bStride,
                    float[] c, int cOff, int ldc, int rows, int cols, boolean add, float[] scratch) {
        // a tile writes all of its rows: straight into C only when they are all C's
        boolean direct = !add && cols == NR && rows == tileRows(rows);
        float[] t = direct ? c : scratch;
        int tOff = direct ? cOff : 0, ldt = direct ? ldc : NR;
        if (rows > 4) {
            tile8(kc, ap, aBase, bp, bBase, bStride, t, tOff, ldt);
        } else if (rows > 2) {
            tile4(kc, ap, aBase, bp, bBase, bStride, t, tOff, ldt);
        } else if (rows == 2) {
            tile2(kc, ap, aBase, bp, bBase, bStride, t, tOff, ldt);
        } else {
            tile1(kc, ap, aBase, bp, bBase, bStride, t, tOff, ldt);
        }
        if (!direct) {
            fromScratch(scratch, c, cOff, ldc, rows, cols, add);
        }
    }

    /**
     * {@link #run} for a full MR-row tile whose A is read where it lies, unpacked: row r, depth p at
     * a[aBase + r*lda + p]. Same sums in the same order, so the same bits.
     */
    static void runRowsInPlace(int kc, float[] a, int aBase, int lda, float[] bp, int bBase, int bStride,
                               float[] c, int cOff, int ldc, int cols, boolean add, float[] scratch) {
        boolean direct = !add && cols == NR;
        float[] t = direct ? c : scratch;
        int tOff = direct ? cOff : 0, ldt = direct ? ldc : NR;
        if (MR == 8) {
            tile8InPlace(kc, a, aBase, lda, bp, bBase, bStride, t, tOff, ldt);
        } else {
            tile4InPlace(kc, a, aBase, lda, bp, bBase, bStride, t, tOff, ldt);
        }
        if (!direct) {
            fromScratch(scratch, c, cOff, ldc, MR, cols, add);
        }
    }

    /** The rows×cols tile kept in scratch (rows of NR floats) into C: C = t or C + t. */
    static void fromScratch(float[] scratch, float[] c, int cOff, int ldc, int rows, int cols, boolean add) {
        if (add && cols == NR) {
            addRows(scratch, c, cOff, ldc, rows);
        } else {
            putEdge(scratch, c, cOff, ldc, rows, cols, add);
        }
    }

    /** The rows a tile for {@code rows} rows writes. */
    private static int tileRows(int rows) {
        return rows > 4 ? MR : rows > 2 ? 4 : rows;
    }

    /** The 8-row tile. */
    private static void tile8(int kc, float[] ap, int aBase, float[] bp, int bBase, int bStride,
                              float[] t, int tOff, int ldt) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00;
        FloatVector c10 = FloatVector.zero(S), c11 = c10;
        FloatVector c20 = FloatVector.zero(S), c21 = c20;
        FloatVector c30 = FloatVector.zero(S), c31 = c30;
        FloatVector c40 = FloatVector.zero(S), c41 = c40;
        FloatVector c50 = FloatVector.zero(S), c51 = c50;
        FloatVector c60 = FloatVector.zero(S), c61 = c60;
        FloatVector c70 = FloatVector.zero(S), c71 = c70;
        for (int p = 0, ai = aBase, bi = bBase; p < kc; p++, ai += MR, bi += bStride) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai + 0]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, ap[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, ap[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, ap[ai + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, ap[ai + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(S, ap[ai + 6]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(S, ap[ai + 7]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
        }
        c00.intoArray(t, tOff + 0 * ldt);
        c01.intoArray(t, tOff + 0 * ldt + L);
        c10.intoArray(t, tOff + 1 * ldt);
        c11.intoArray(t, tOff + 1 * ldt + L);
        c20.intoArray(t, tOff + 2 * ldt);
        c21.intoArray(t, tOff + 2 * ldt + L);
        c30.intoArray(t, tOff + 3 * ldt);
        c31.intoArray(t, tOff + 3 * ldt + L);
        c40.intoArray(t, tOff + 4 * ldt);
        c41.intoArray(t, tOff + 4 * ldt + L);
        c50.intoArray(t, tOff + 5 * ldt);
        c51.intoArray(t, tOff + 5 * ldt + L);
        c60.intoArray(t, tOff + 6 * ldt);
        c61.intoArray(t, tOff + 6 * ldt + L);
        c70.intoArray(t, tOff + 7 * ldt);
        c71.intoArray(t, tOff + 7 * ldt + L);
    }

    /**
     * The 8-row tile over eight rows of A in place: eight forward streams instead of one packed strip. A twin of
     * {@link #tile8}, not one kernel with a row stride for both: tile8's constant offsets fold into its loads, and
     * a stride made it 4-5% slower (measured, JDK 25).
     */
    private static void tile8InPlace(int kc, float[] a, int aBase, int lda, float[] bp, int bBase, int bStride,
                                     float[] t, int tOff, int ldt) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00;
        FloatVector c10 = FloatVector.zero(S), c11 = c10;
        FloatVector c20 = FloatVector.zero(S), c21 = c20;
        FloatVector c30 = FloatVector.zero(S), c31 = c30;
        FloatVector c40 = FloatVector.zero(S), c41 = c40;
        FloatVector c50 = FloatVector.zero(S), c51 = c50;
        FloatVector c60 = FloatVector.zero(S), c61 = c60;
        FloatVector c70 = FloatVector.zero(S), c71 = c70;
        int a0 = aBase, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda, a4 = a3 + lda, a5 = a4 + lda, a6 = a5 + lda,
                a7 = a6 + lda;
        for (int p = 0, bi = bBase; p < kc; p++, bi += bStride) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[a0 + p]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[a1 + p]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[a2 + p]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[a3 + p]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[a4 + p]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[a5 + p]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, a[a6 + p]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a[a7 + p]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        c00.intoArray(t, tOff + 0 * ldt);
        c01.intoArray(t, tOff + 0 * ldt + L);
        c10.intoArray(t, tOff + 1 * ldt);
        c11.intoArray(t, tOff + 1 * ldt + L);
        c20.intoArray(t, tOff + 2 * ldt);
        c21.intoArray(t, tOff + 2 * ldt + L);
        c30.intoArray(t, tOff + 3 * ldt);
        c31.intoArray(t, tOff + 3 * ldt + L);
        c40.intoArray(t, tOff + 4 * ldt);
        c41.intoArray(t, tOff + 4 * ldt + L);
        c50.intoArray(t, tOff + 5 * ldt);
        c51.intoArray(t, tOff + 5 * ldt + L);
        c60.intoArray(t, tOff + 6 * ldt);
        c61.intoArray(t, tOff + 6 * ldt + L);
        c70.intoArray(t, tOff + 7 * ldt);
        c71.intoArray(t, tOff + 7 * ldt + L);
    }

    /** The 4-row tile over four rows of A in place, as {@link #tile8InPlace} for eight. */
    private static void tile4InPlace(int kc, float[] a, int aBase, int lda, float[] bp, int bBase, int bStride,
                                     float[] t, int tOff, int ldt) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00;
        FloatVector c10 = FloatVector.zero(S), c11 = c10;
        FloatVector c20 = FloatVector.zero(S), c21 = c20;
        FloatVector c30 = FloatVector.zero(S), c31 = c30;
        int a0 = aBase, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
        for (int p = 0, bi = bBase; p < kc; p++, bi += bStride) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[a0 + p]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[a1 + p]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[a2 + p]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[a3 + p]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        c00.intoArray(t, tOff + 0 * ldt);
        c01.intoArray(t, tOff + 0 * ldt + L);
        c10.intoArray(t, tOff + 1 * ldt);
        c11.intoArray(t, tOff + 1 * ldt + L);
        c20.intoArray(t, tOff + 2 * ldt);
        c21.intoArray(t, tOff + 2 * ldt + L);
        c30.intoArray(t, tOff + 3 * ldt);
        c31.intoArray(t, tOff + 3 * ldt + L);
    }

    /** The 4-row tile. */
    private static void tile4(int kc, float[] ap, int aBase, float[] bp, int bBase, int bStride,
                              float[] t, int tOff, int ldt) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00;
        FloatVector c10 = FloatVector.zero(S), c11 = c10;
        FloatVector c20 = FloatVector.zero(S), c21 = c20;
        FloatVector c30 = FloatVector.zero(S), c31 = c30;
        for (int p = 0, ai = aBase, bi = bBase; p < kc; p++, ai += MR, bi += bStride) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai + 0]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, ap[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, ap[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
        }
        c00.intoArray(t, tOff + 0 * ldt);
        c01.intoArray(t, tOff + 0 * ldt + L);
        c10.intoArray(t, tOff + 1 * ldt);
        c11.intoArray(t, tOff + 1 * ldt + L);
        c20.intoArray(t, tOff + 2 * ldt);
        c21.intoArray(t, tOff + 2 * ldt + L);
        c30.intoArray(t, tOff + 3 * ldt);
        c31.intoArray(t, tOff + 3 * ldt + L);
    }

    /** The 2-row tile. */
    private static void tile2(int kc, float[] ap, int aBase, float[] bp, int bBase, int bStride,
                              float[] t, int tOff, int ldt) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00;
        FloatVector c10 = FloatVector.zero(S), c11 = c10;
        for (int p = 0, ai = aBase, bi = bBase; p < kc; p++, ai += MR, bi += bStride) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai + 0]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
        }
        c00.intoArray(t, tOff + 0 * ldt);
        c01.intoArray(t, tOff + 0 * ldt + L);
        c10.intoArray(t, tOff + 1 * ldt);
        c11.intoArray(t, tOff + 1 * ldt + L);
    }

    /** The 1-row tile. */
    private static void tile1(int kc, float[] ap, int aBase, float[] bp, int bBase, int bStride,
                              float[] t, int tOff, int ldt) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00;
        for (int p = 0, ai = aBase, bi = bBase; p < kc; p++, ai += MR, bi += bStride) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai + 0]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
        }
        c00.intoArray(t, tOff + 0 * ldt);
        c01.intoArray(t, tOff + 0 * ldt + L);
    }

    /** C[r] += t[r] for whole rows of the tile. */
    private static void addRows(float[] t, float[] c, int cOff, int ldc, int rows) {
        for (int r = 0; r < rows; r++) {
            int ci = cOff + r * ldc;
            FloatVector.fromArray(S, t, r * NR).add(FloatVector.fromArray(S, c, ci)).intoArray(c, ci);
            FloatVector.fromArray(S, t, r * NR + L).add(FloatVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
        }
    }

    /** The rows×cols corner of a tile kept in t (rows of NR floats) into C. */
    private static void putEdge(float[] t, float[] c, int cOff, int ldc, int rows, int cols, boolean add) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                int ci = cOff + r * ldc + j;
                c[ci] = add ? c[ci] + t[r * NR + j] : t[r * NR + j];
            }
        }
    }
}
