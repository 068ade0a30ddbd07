package dev.rnn4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * C = A·Bᵀ for few rows of A, without packing: a is (m,k), b is (n,k), so every C element is a dot product of two
 * contiguous rows. This is the recurrent step h·W_hhᵀ at small batch, where packing W_hh would cost as much as the
 * product itself. A tile of 2 rows of A × 4 rows of B keeps 8 vector accumulators.
 *
 * <p>Each element gets the same arithmetic in every tile shape — lane-wise FMA over the vector part, a fixed
 * pairwise sum of the lanes, then scalar FMA over the tail — so results don't depend on the split over threads.
 */
final class DotGemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Rows of B per tile, and the unit columns of C are split in. */
    static final int NB = 4;

    private DotGemm() {}

    static void run(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                    float[] c, int cOff, int ldc, boolean add, boolean parallel) {
        int blocks = (n + NB - 1) / NB;
        IntRangeBody body = (s, e) -> columns(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, add, s, e);
        if (parallel) {
            Parallel.parallelFor(blocks, 8, body);
        } else {
            body.run(0, blocks);
        }
    }

    /** Column blocks [blk0, blk1): their rows of B stay in L1 while every row of A passes. */
    private static void columns(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                float[] c, int cOff, int ldc, boolean add, int blk0, int blk1) {
        float[] lanes = new float[L];
        for (int blk = blk0; blk < blk1; blk++) {
            int j = blk * NB;
            if (j + NB <= n) {
                int i = 0;
                for (; i + 2 <= m; i += 2) {
                    tile2x4(k, a, aOff + i * lda, lda, b, bOff + j * ldb, ldb, lanes);
                    finish(2, NB, k, a, aOff + i * lda, lda, b, bOff + j * ldb, ldb, c, cOff + i * ldc + j, ldc, add, lanes);
                }
                for (; i < m; i++) {
                    tile1x4(k, a, aOff + i * lda, b, bOff + j * ldb, ldb, lanes);
                    finish(1, NB, k, a, aOff + i * lda, lda, b, bOff + j * ldb, ldb, c, cOff + i * ldc + j, ldc, add, lanes);
                }
            } else {
                for (int i = 0; i < m; i++) {
                    for (int jj = j; jj < n; jj++) {
                        tile1x1(k, a, aOff + i * lda, b, bOff + jj * ldb, lanes);
                        finish(1, 1, k, a, aOff + i * lda, lda, b, bOff + jj * ldb, ldb, c, cOff + i * ldc + jj, ldc, add, lanes);
                    }
                }
            }
        }
    }

    /** Σ_p a[r][p]·b[q][p] over the vector part of k for a 2×4 tile, folded into lanes[laneOf(r*4+q)]. */
    private static void tile2x4(int k, float[] a, int ai, int lda, float[] b, int bi, int ldb, float[] lanes) {
        FloatVector z = FloatVector.zero(S);
        FloatVector s00 = z, s01 = z, s02 = z, s03 = z, s10 = z, s11 = z, s12 = z, s13 = z;
        int kv = S.loopBound(k);
        for (int p = 0; p < kv; p += L) {
            FloatVector a0 = FloatVector.fromArray(S, a, ai + p);
            FloatVector a1 = FloatVector.fromArray(S, a, ai + lda + p);
            FloatVector b0 = FloatVector.fromArray(S, b, bi + p);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + ldb + p);
            FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * ldb + p);
            FloatVector b3 = FloatVector.fromArray(S, b, bi + 3 * ldb + p);
            s00 = a0.fma(b0, s00);
            s01 = a0.fma(b1, s01);
            s02 = a0.fma(b2, s02);
            s03 = a0.fma(b3, s03);
            s10 = a1.fma(b0, s10);
            s11 = a1.fma(b1, s11);
            s12 = a1.fma(b2, s12);
            s13 = a1.fma(b3, s13);
        }
        // 8 accumulators → 1 vector; element e ends in lane laneOf(e)
        FloatVector r = fold(fold(fold(s00, s01, L / 2), fold(s02, s03, L / 2), L / 4),
                fold(fold(s10, s11, L / 2), fold(s12, s13, L / 2), L / 4), L / 8);
        finishLanes(r, L / 8, lanes);
    }

    private static void tile1x4(int k, float[] a, int ai, float[] b, int bi, int ldb, float[] lanes) {
        FloatVector z = FloatVector.zero(S);
        FloatVector s0 = z, s1 = z, s2 = z, s3 = z;
        int kv = S.loopBound(k);
        for (int p = 0; p < kv; p += L) {
            FloatVector a0 = FloatVector.fromArray(S, a, ai + p);
            s0 = a0.fma(FloatVector.fromArray(S, b, bi + p), s0);
            s1 = a0.fma(FloatVector.fromArray(S, b, bi + ldb + p), s1);
            s2 = a0.fma(FloatVector.fromArray(S, b, bi + 2 * ldb + p), s2);
            s3 = a0.fma(FloatVector.fromArray(S, b, bi + 3 * ldb + p), s3);
        }
        finishLanes(fold(fold(s0, s1, L / 2), fold(s2, s3, L / 2), L / 4), L / 4, lanes);
    }

    private static void tile1x1(int k, float[] a, int ai, float[] b, int bi, float[] lanes) {
        FloatVector s0 = FloatVector.zero(S);
        int kv = S.loopBound(k);
        for (int p = 0; p < kv; p += L) {
            s0 = FloatVector.fromArray(S, a, ai + p).fma(FloatVector.fromArray(S, b, bi + p), s0);
        }
        s0.intoArray(lanes, 0);
    }

    /**
     * C[r][q] (+)= the lane sum of element e = r*cols+q — at lanes[laneOf(e)] after a fold, or summed here for the
     * 1×1 tile — then the scalar tail of k.
     */
    private static void finish(int rows, int cols, int k, float[] a, int ai, int lda, float[] b, int bi, int ldb,
                               float[] c, int ci, int ldc, boolean add, float[] lanes) {
        int kv = S.loopBound(k);
        for (int r = 0; r < rows; r++) {
            for (int q = 0; q < cols; q++) {
                float s = rows * cols == 1 ? pairwiseSum(lanes, 0) : lanes[laneOf(r * cols + q)];
                int ar = ai + r * lda, br = bi + q * ldb;
                for (int p = kv; p < k; p++) {
                    s = Math.fma(a[ar + p], b[br + p], s);
                }
                int at = ci + r * ldc + q;
                c[at] = add ? c[at] + s : s;
            }
        }
    }

    private static final VectorShuffle<Float>[] SWAP = swaps();
    private static final VectorMask<Float>[] UPPER = uppers();

    /**
     * One level of a butterfly sum over two vectors at once: lane l of the result is x[l] + x[l^w] where bit w of l
     * is clear, y[l] + y[l^w] where it is set. Summing with w = L/2, L/4, … 1 gives the tree
     * {@link #pairwiseSum} uses, whichever lane an element lands in, since a + b == b + a exactly.
     */
    private static FloatVector fold(FloatVector x, FloatVector y, int w) {
        int level = Integer.numberOfTrailingZeros(w);
        VectorMask<Float> up = UPPER[level];
        FloatVector own = x.blend(y, up);
        FloatVector partner = x.rearrange(SWAP[level]).blend(y.rearrange(SWAP[level]), up);
        return own.add(partner);
    }

    /** Finishes the butterfly on one vector below width w and leaves the lanes in {@code lanes}. */
    private static void finishLanes(FloatVector v, int w, float[] lanes) {
        for (int x = w / 2; x >= 1; x /= 2) {
            v = v.add(v.rearrange(SWAP[Integer.numberOfTrailingZeros(x)]));
        }
        v.intoArray(lanes, 0);
    }

    /** The lane element e (bits: which of a pair at each fold level) ends in after the folds. */
    private static int laneOf(int e) {
        return (e & 1) * (L / 2) + ((e >> 1) & 1) * (L / 4) + ((e >> 2) & 1) * (L / 8);
    }

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Float>[] swaps() {
        VectorShuffle<Float>[] out = new VectorShuffle[Integer.numberOfTrailingZeros(L)];
        for (int level = 0; level < out.length; level++) {
            int w = 1 << level;
            out[level] = VectorShuffle.fromOp(S, i -> i ^ w);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static VectorMask<Float>[] uppers() {
        VectorMask<Float>[] out = new VectorMask[Integer.numberOfTrailingZeros(L)];
        for (int level = 0; level < out.length; level++) {
            boolean[] bits = new boolean[L];
            for (int l = 0; l < L; l++) {
                bits[l] = (l & (1 << level)) != 0;
            }
            out[level] = VectorMask.fromArray(S, bits, 0);
        }
        return out;
    }

    /** Σ x[off .. off+L) as a balanced tree, a fixed order whatever the tile. */
    private static float pairwiseSum(float[] x, int off) {
        float[] t = x; // sums in place: the lanes are not needed afterwards
        for (int w = L / 2; w >= 1; w /= 2) {
            for (int l = 0; l < w; l++) {
                t[off + l] += t[off + l + w];
            }
        }
        return t[off];
    }
}
