package dev.rnn4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register tile: an MR×NR block of C kept in 2·MR vector registers while it runs down a packed A strip and a
 * packed B strip. Each step is one broadcast of an A element and two FMAs per row.
 *
 * <p>Every element of C gets the same arithmetic whether its tile is whole or cut at the edge of C:
 * t = fma-sum over the depth, from zero, in depth order; then C = t, or C + t. That keeps results independent of
 * how the tiles are split over threads.
 */
final class MicroKernel {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final int MR = 8;
    static final int NR = 2 * L;

    private MicroKernel() {}

    /**
     * C[0:rows, 0:cols] = (C +) Ap·Bp, where Ap is (MR,kc) packed as ap[aBase + p*MR + r] and Bp is (kc,NR) packed as
     * bp[bBase + p*NR + j]; scratch holds MR·NR floats for a tile cut by the edge of C.
     */
    static void run(int kc, float[] ap, int aBase, float[] bp, int bBase,
                    float[] c, int cOff, int ldc, int rows, int cols, boolean add, float[] scratch) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector c00 = zero, c01 = zero;
        FloatVector c10 = zero, c11 = zero;
        FloatVector c20 = zero, c21 = zero;
        FloatVector c30 = zero, c31 = zero;
        FloatVector c40 = zero, c41 = zero;
        FloatVector c50 = zero, c51 = zero;
        FloatVector c60 = zero, c61 = zero;
        FloatVector c70 = zero, c71 = zero;
        for (int p = 0, ai = aBase, bi = bBase; p < kc; p++, ai += MR, bi += NR) {
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
        // stores are written out here, not in a helper: a vector passed to a call C2 did not inline is boxed
        if (rows == MR && cols == NR) {
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

    private static void putEdge(float[] t, float[] c, int cOff, int ldc, int rows, int cols, boolean add) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                int ci = cOff + r * ldc + j;
                c[ci] = add ? c[ci] + t[r * NR + j] : t[r * NR + j];
            }
        }
    }
}
