package dev.rnn4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register tile: an MR×NR block of C kept in 2·MR vector registers while it runs down a packed A strip and a
 * B strip. Each step is one broadcast of an A element and two multiply-then-add per row.
 *
 * <p>Every element of C gets exactly {@link ScalarGemm}'s arithmetic, whatever its tile or thread: t = 0, then
 * t = t + a·b (two roundings, not a fused multiply-add) in depth order, then C = t or C + t. That is also the
 * arithmetic of the reference BLAS that PyTorch's golden vectors came from; a fused multiply-add moved rounding
 * enough to break the 1e-5 golden tolerance where gradients cancel. On cores with separate add and multiply
 * pipes the unfused pair costs little throughput.
 */
final class MicroKernel {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final int MR = 8;
    static final int NR = 2 * L;

    /** C = t. */
    static final int STORE = 0;
    /** C = C + t. */
    static final int ADD = 1;
    /** t starts from C (a later depth block of the same sum), then C = t. */
    static final int CONTINUE = 2;

    private MicroKernel() {}

    /**
     * C[0:rows, 0:cols] = (C +) Ap·Bp, where Ap is (MR,kc) packed as ap[aBase + p*MR + r] and Bp is (kc,NR) read as
     * bp[bBase + p*bStride + j] (packed: bStride = NR; or B's own rows); scratch holds MR·NR floats for a tile cut
     * by the edge of C. mode is STORE, ADD or CONTINUE.
     */
    static void run(int kc, float[] ap, int aBase, float[] bp, int bBase, int bStride,
                    float[] c, int cOff, int ldc, int rows, int cols, int mode, float[] scratch) {
        boolean whole = rows == MR && cols == NR;
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
        FloatVector c40 = start(load, init, initOff, 4 * initLd), c41 = start(load, init, initOff + L, 4 * initLd);
        FloatVector c50 = start(load, init, initOff, 5 * initLd), c51 = start(load, init, initOff + L, 5 * initLd);
        FloatVector c60 = start(load, init, initOff, 6 * initLd), c61 = start(load, init, initOff + L, 6 * initLd);
        FloatVector c70 = start(load, init, initOff, 7 * initLd), c71 = start(load, init, initOff + L, 7 * initLd);
        boolean add = mode == ADD;
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
            a = FloatVector.broadcast(S, ap[ai + 4]);
            c40 = c40.add(a.mul(b0));
            c41 = c41.add(a.mul(b1));
            a = FloatVector.broadcast(S, ap[ai + 5]);
            c50 = c50.add(a.mul(b0));
            c51 = c51.add(a.mul(b1));
            a = FloatVector.broadcast(S, ap[ai + 6]);
            c60 = c60.add(a.mul(b0));
            c61 = c61.add(a.mul(b1));
            a = FloatVector.broadcast(S, ap[ai + 7]);
            c70 = c70.add(a.mul(b0));
            c71 = c71.add(a.mul(b1));
        }
        // stores are written out here, not in a helper: a vector passed to a call C2 did not inline is boxed
        if (whole) {
            int ci;
            if (add) {
                ci = cOff + 0 * ldc;
                c00.add(FloatVector.fromArray(S, c, ci)).intoArray(c, ci);
                c01.add(FloatVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
                ci = cOff + 1 * ldc;
                c10.add(FloatVector.fromArray(S, c, ci)).intoArray(c, ci);
                c11.add(FloatVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
                ci = cOff + 2 * ldc;
                c20.add(FloatVector.fromArray(S, c, ci)).intoArray(c, ci);
                c21.add(FloatVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
                ci = cOff + 3 * ldc;
                c30.add(FloatVector.fromArray(S, c, ci)).intoArray(c, ci);
                c31.add(FloatVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
                ci = cOff + 4 * ldc;
                c40.add(FloatVector.fromArray(S, c, ci)).intoArray(c, ci);
                c41.add(FloatVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
                ci = cOff + 5 * ldc;
                c50.add(FloatVector.fromArray(S, c, ci)).intoArray(c, ci);
                c51.add(FloatVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
                ci = cOff + 6 * ldc;
                c60.add(FloatVector.fromArray(S, c, ci)).intoArray(c, ci);
                c61.add(FloatVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
                ci = cOff + 7 * ldc;
                c70.add(FloatVector.fromArray(S, c, ci)).intoArray(c, ci);
                c71.add(FloatVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
            } else {
                ci = cOff + 0 * ldc;
                c00.intoArray(c, ci);
                c01.intoArray(c, ci + L);
                ci = cOff + 1 * ldc;
                c10.intoArray(c, ci);
                c11.intoArray(c, ci + L);
                ci = cOff + 2 * ldc;
                c20.intoArray(c, ci);
                c21.intoArray(c, ci + L);
                ci = cOff + 3 * ldc;
                c30.intoArray(c, ci);
                c31.intoArray(c, ci + L);
                ci = cOff + 4 * ldc;
                c40.intoArray(c, ci);
                c41.intoArray(c, ci + L);
                ci = cOff + 5 * ldc;
                c50.intoArray(c, ci);
                c51.intoArray(c, ci + L);
                ci = cOff + 6 * ldc;
                c60.intoArray(c, ci);
                c61.intoArray(c, ci + L);
                ci = cOff + 7 * ldc;
                c70.intoArray(c, ci);
                c71.intoArray(c, ci + L);
            }
            return;
        }
        float[] t = scratch;
        c00.intoArray(t, 0 * NR);
        c01.intoArray(t, 0 * NR + L);
        c10.intoArray(t, 1 * NR);
        c11.intoArray(t, 1 * NR + L);
        c20.intoArray(t, 2 * NR);
        c21.intoArray(t, 2 * NR + L);
        c30.intoArray(t, 3 * NR);
        c31.intoArray(t, 3 * NR + L);
        c40.intoArray(t, 4 * NR);
        c41.intoArray(t, 4 * NR + L);
        c50.intoArray(t, 5 * NR);
        c51.intoArray(t, 5 * NR + L);
        c60.intoArray(t, 6 * NR);
        c61.intoArray(t, 6 * NR + L);
        c70.intoArray(t, 7 * NR);
        c71.intoArray(t, 7 * NR + L);
        putEdge(t, c, cOff, ldc, rows, cols, add);
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

    private static void putEdge(float[] t, float[] c, int cOff, int ldc, int rows, int cols, boolean add) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                int ci = cOff + r * ldc + j;
                c[ci] = add ? c[ci] + t[r * NR + j] : t[r * NR + j];
            }
        }
    }
}
