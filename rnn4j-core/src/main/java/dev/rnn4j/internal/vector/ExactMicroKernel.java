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
        if (rows > 2) {
            run4(kc, ap, aBase, bp, bBase, bStride, c, cOff, ldc, rows, cols, mode, scratch);
        } else if (rows == 2) {
            run2(kc, ap, aBase, bp, bBase, bStride, c, cOff, ldc, rows, cols, mode, scratch);
        } else {
            run1(kc, ap, aBase, bp, bBase, bStride, c, cOff, ldc, rows, cols, mode, scratch);
        }
    }

    /** The 4-row tile; rows may be fewer (an edge), the missing rows of A are zeros. */
    private static void run4(int kc, float[] ap, int aBase, float[] bp, int bBase, int bStride,
                             float[] c, int cOff, int ldc, int rows, int cols, int mode, float[] scratch) {
        boolean whole = rows == 4 && cols == NR;
        float[] init = c;
        int initOff = cOff;
        int initLd = ldc;
        if (mode == CONTINUE && !whole) {
            copyEdge(c, cOff, ldc, rows, cols, scratch);
            init = scratch;
            initOff = 0;
            initLd = NR;
        }
        boolean load = mode == CONTINUE;
        FloatVector c00 = start(load, init, initOff, 0), c01 = start(load, init, initOff + L, 0);
        FloatVector c10 = start(load, init, initOff, initLd), c11 = start(load, init, initOff + L, initLd);
        FloatVector c20 = start(load, init, initOff, 2 * initLd), c21 = start(load, init, initOff + L, 2 * initLd);
        FloatVector c30 = start(load, init, initOff, 3 * initLd), c31 = start(load, init, initOff + L, 3 * initLd);
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
        boolean add = mode == ADD;
        if (whole) {
            MicroKernel.store(c00, c01, c, cOff, add);
            MicroKernel.store(c10, c11, c, cOff + ldc, add);
            MicroKernel.store(c20, c21, c, cOff + 2 * ldc, add);
            MicroKernel.store(c30, c31, c, cOff + 3 * ldc, add);
            return;
        }
        c00.intoArray(scratch, 0 * NR);
        c01.intoArray(scratch, 0 * NR + L);
        c10.intoArray(scratch, 1 * NR);
        c11.intoArray(scratch, 1 * NR + L);
        c20.intoArray(scratch, 2 * NR);
        c21.intoArray(scratch, 2 * NR + L);
        c30.intoArray(scratch, 3 * NR);
        c31.intoArray(scratch, 3 * NR + L);
        MicroKernel.putEdge(scratch, c, cOff, ldc, rows, cols, add);
    }

    /** The 2-row tile. */
    private static void run2(int kc, float[] ap, int aBase, float[] bp, int bBase, int bStride,
                             float[] c, int cOff, int ldc, int rows, int cols, int mode, float[] scratch) {
        boolean whole = rows == 2 && cols == NR;
        float[] init = c;
        int initOff = cOff;
        int initLd = ldc;
        if (mode == CONTINUE && !whole) {
            copyEdge(c, cOff, ldc, rows, cols, scratch);
            init = scratch;
            initOff = 0;
            initLd = NR;
        }
        boolean load = mode == CONTINUE;
        FloatVector c00 = start(load, init, initOff, 0), c01 = start(load, init, initOff + L, 0);
        FloatVector c10 = start(load, init, initOff, initLd), c11 = start(load, init, initOff + L, initLd);
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
        boolean add = mode == ADD;
        if (whole) {
            MicroKernel.store(c00, c01, c, cOff, add);
            MicroKernel.store(c10, c11, c, cOff + ldc, add);
            return;
        }
        c00.intoArray(scratch, 0 * NR);
        c01.intoArray(scratch, 0 * NR + L);
        c10.intoArray(scratch, 1 * NR);
        c11.intoArray(scratch, 1 * NR + L);
        MicroKernel.putEdge(scratch, c, cOff, ldc, rows, cols, add);
    }

    /** The 1-row tile. */
    private static void run1(int kc, float[] ap, int aBase, float[] bp, int bBase, int bStride,
                             float[] c, int cOff, int ldc, int rows, int cols, int mode, float[] scratch) {
        boolean whole = rows == 1 && cols == NR;
        float[] init = c;
        int initOff = cOff;
        int initLd = ldc;
        if (mode == CONTINUE && !whole) {
            copyEdge(c, cOff, ldc, rows, cols, scratch);
            init = scratch;
            initOff = 0;
            initLd = NR;
        }
        boolean load = mode == CONTINUE;
        FloatVector c00 = start(load, init, initOff, 0), c01 = start(load, init, initOff + L, 0);
        for (int p = 0, ai = aBase, bi = bBase; p < kc; p++, ai += MR, bi += bStride) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a = FloatVector.broadcast(S, ap[ai]);
            c00 = c00.add(a.mul(b0));
            c01 = c01.add(a.mul(b1));
        }
        boolean add = mode == ADD;
        if (whole) {
            MicroKernel.store(c00, c01, c, cOff, add);
            return;
        }
        c00.intoArray(scratch, 0 * NR);
        c01.intoArray(scratch, 0 * NR + L);
        MicroKernel.putEdge(scratch, c, cOff, ldc, rows, cols, add);
    }

    /** A whole tile's accumulator: zero, or the row of C (or of its edge copy) it continues. */
    private static FloatVector start(boolean load, float[] x, int off, int rowOff) {
        return load ? FloatVector.fromArray(S, x, off + rowOff) : FloatVector.zero(S);
    }

    /** Copies the rows×cols corner of C into a zero-padded MR×NR tile. */
    private static void copyEdge(float[] c, int cOff, int ldc, int rows, int cols, float[] t) {
        java.util.Arrays.fill(t, 0f);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(c, cOff + r * ldc, t, r * NR, cols);
        }
    }
}
