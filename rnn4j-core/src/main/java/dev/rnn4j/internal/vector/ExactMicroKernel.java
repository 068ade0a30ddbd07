package dev.rnn4j.internal.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register tile of the exact arithmetic ({@link dev.rnn4j.internal.kernel.gemm.Arithmetic}): an MR×NR block of
 * C in 2·MR vector registers, run down a packed A strip (MR = 4 rows) and a B strip. Every element of C gets the
 * reference BLAS's arithmetic, whatever its tile or thread: t = 0, then t = t + a·b (two roundings, not a fused
 * multiply-add) in depth order across all depth blocks (CONTINUE starts a block from C), then C = t or C + t.
 *
 * <p>The tile is 4 rows and each variant is its own small method: JDK 17's C1 gave up on an 8-row method ("out of
 * virtual registers"), leaving it in slow boxed code for a long time under tiered compilation.
 */
final class ExactMicroKernel {
    private static final VectorSpecies<Float> S = MicroKernel.S;
    private static final int L = MicroKernel.L;
    static final int MR = 4;
    private static final int NR = MicroKernel.NR;
    /** The sums' start when they start at zero. */
    private static final float[] ZERO = new float[MR * NR];

    /** C = t. */
    static final int STORE = 0;
    /** C = C + t. */
    static final int ADD = 1;
    /** t starts from C (a later depth block of the same sum), then C = t. */
    static final int CONTINUE = 2;

    private ExactMicroKernel() {}

    /**
     * C[0:rows, 0:cols] = (C +) Ap·Bp, where Ap is (MR,kc) packed as ap[aBase + p*MR + r] and Bp is (kc,NR) read as
     * bp[bBase + p*bStride + j] (packed: bStride = NR; or B's own rows); scratch holds MR·NR floats for a tile cut
     * by the edge of C. mode is STORE, ADD or CONTINUE. rows ≤ MR.
     */
    static void run(int kc, float[] ap, int aBase, float[] bp, int bBase, int bStride,
                    float[] c, int cOff, int ldc, int rows, int cols, int mode, float[] scratch) {
        int tileRows = rows > 2 ? 4 : rows;
        boolean whole = rows == tileRows && cols == NR;
        // the sums start at zero or, continuing, at C: C itself for a whole tile, else a copy of its corner
        float[] init = ZERO;
        int initOff = 0;
        int initLd = NR;
        if (mode == CONTINUE && whole) {
            init = c;
            initOff = cOff;
            initLd = ldc;
        } else if (mode == CONTINUE) {
            copyEdge(c, cOff, ldc, rows, cols, scratch);
            init = scratch;
        }
        // and end straight in C when the tile is whole and replaces it, else in scratch
        boolean direct = whole && mode != ADD;
        float[] t = direct ? c : scratch;
        int tOff = direct ? cOff : 0;
        int ldt = direct ? ldc : NR;
        if (tileRows == 4) {
            tile4(kc, ap, aBase, bp, bBase, bStride, init, initOff, initLd, t, tOff, ldt);
        } else if (tileRows == 2) {
            tile2(kc, ap, aBase, bp, bBase, bStride, init, initOff, initLd, t, tOff, ldt);
        } else {
            tile1(kc, ap, aBase, bp, bBase, bStride, init, initOff, initLd, t, tOff, ldt);
        }
        if (!direct) {
            MicroKernel.fromScratch(scratch, c, cOff, ldc, rows, cols, mode == ADD);
        }
    }

    /** The 4-row tile (its missing rows of A, at an edge, are zeros): sums from init, stored into t. */
    private static void tile4(int kc, float[] ap, int aBase, float[] bp, int bBase, int bStride,
                              float[] init, int initOff, int initLd, float[] t, int tOff, int ldt) {
        FloatVector c00 = FloatVector.fromArray(S, init, initOff);
        FloatVector c01 = FloatVector.fromArray(S, init, initOff + L);
        FloatVector c10 = FloatVector.fromArray(S, init, initOff + initLd);
        FloatVector c11 = FloatVector.fromArray(S, init, initOff + initLd + L);
        FloatVector c20 = FloatVector.fromArray(S, init, initOff + 2 * initLd);
        FloatVector c21 = FloatVector.fromArray(S, init, initOff + 2 * initLd + L);
        FloatVector c30 = FloatVector.fromArray(S, init, initOff + 3 * initLd);
        FloatVector c31 = FloatVector.fromArray(S, init, initOff + 3 * initLd + L);
        for (int p = 0, ai = aBase, bi = bBase; p < kc; p++, ai += MR, bi += bStride) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai + 0]);
            c00 = c00.add(a.mul(b0));
            c01 = c01.add(a.mul(b1));
            a = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = c10.add(a.mul(b0));
            c11 = c11.add(a.mul(b1));
            a = FloatVector.broadcast(S, ap[ai + 2]);
            c20 = c20.add(a.mul(b0));
            c21 = c21.add(a.mul(b1));
            a = FloatVector.broadcast(S, ap[ai + 3]);
            c30 = c30.add(a.mul(b0));
            c31 = c31.add(a.mul(b1));
        }
        c00.intoArray(t, tOff);
        c01.intoArray(t, tOff + L);
        c10.intoArray(t, tOff + ldt);
        c11.intoArray(t, tOff + ldt + L);
        c20.intoArray(t, tOff + 2 * ldt);
        c21.intoArray(t, tOff + 2 * ldt + L);
        c30.intoArray(t, tOff + 3 * ldt);
        c31.intoArray(t, tOff + 3 * ldt + L);
    }

    /** The 2-row tile. */
    private static void tile2(int kc, float[] ap, int aBase, float[] bp, int bBase, int bStride,
                              float[] init, int initOff, int initLd, float[] t, int tOff, int ldt) {
        FloatVector c00 = FloatVector.fromArray(S, init, initOff);
        FloatVector c01 = FloatVector.fromArray(S, init, initOff + L);
        FloatVector c10 = FloatVector.fromArray(S, init, initOff + initLd);
        FloatVector c11 = FloatVector.fromArray(S, init, initOff + initLd + L);
        for (int p = 0, ai = aBase, bi = bBase; p < kc; p++, ai += MR, bi += bStride) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai + 0]);
            c00 = c00.add(a.mul(b0));
            c01 = c01.add(a.mul(b1));
            a = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = c10.add(a.mul(b0));
            c11 = c11.add(a.mul(b1));
        }
        c00.intoArray(t, tOff);
        c01.intoArray(t, tOff + L);
        c10.intoArray(t, tOff + ldt);
        c11.intoArray(t, tOff + ldt + L);
    }

    /** The 1-row tile. */
    private static void tile1(int kc, float[] ap, int aBase, float[] bp, int bBase, int bStride,
                              float[] init, int initOff, int initLd, float[] t, int tOff, int ldt) {
        FloatVector c00 = FloatVector.fromArray(S, init, initOff);
        FloatVector c01 = FloatVector.fromArray(S, init, initOff + L);
        for (int p = 0, ai = aBase, bi = bBase; p < kc; p++, ai += MR, bi += bStride) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai + 0]);
            c00 = c00.add(a.mul(b0));
            c01 = c01.add(a.mul(b1));
        }
        c00.intoArray(t, tOff);
        c01.intoArray(t, tOff + L);
    }

    /** Copies the rows×cols corner of C into a zero-padded MR×NR tile. */
    private static void copyEdge(float[] c, int cOff, int ldc, int rows, int cols, float[] t) {
        java.util.Arrays.fill(t, 0f);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(c, cOff + r * ldc, t, r * NR, cols);
        }
    }
}
