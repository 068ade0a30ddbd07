package dev.rnn4j.kernel;

/**
 * GEMM on the incubating Vector API: packed, cache-blocked and register-tiled ({@link PackedGemm}), or, for A·Bᵀ with
 * few rows, unpacked dot products ({@link DotGemm}); split over the {@link Parallel} pool for big products. Only {@link Kernels} should name this class, reflectively.
 */
public final class VectorGemm implements Gemm {
    /** Below this many multiply-adds a product finishes before waking another thread pays off. */
    static final long PARALLEL_MIN_FMAS = 1L << 20;
    /** Up to this many rows, A·Bᵀ as dot products beats packing B (measured on h·W_hhᵀ, see GemmBench). */
    static final int DOT_MAX_M = Integer.getInteger("rnn4j.dotMaxM", 8);

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float[] c, int cOff, int ldc, boolean accumulate) {
        GemmArgs.check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            GemmArgs.clearUnlessAccumulate(m, n, c, cOff, ldc, accumulate);
            return;
        }
        boolean parallel = (long) m * n * k >= PARALLEL_MIN_FMAS && Parallel.getNumThreads() > 1;
        if (!transA && transB && m <= DOT_MAX_M && MicroKernel.L >= 8) { // the dot tile folds 8 sums into ≥ 8 lanes
            DotGemm.run(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, parallel);
            return;
        }
        PackedGemm.run(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, parallel);
    }

    @Override
    public String toString() {
        return "VectorGemm (" + MicroKernel.L + " float lanes, " + MicroKernel.MR + "×" + MicroKernel.NR + " tile)";
    }
}
