package dev.rnn4j.kernel;

/**
 * GEMM on the incubating Vector API: cache-blocked and register-tiled ({@link PackedGemm}), split over the
 * {@link Parallel} pool for big products. Bit for bit the same results as {@link ScalarGemm}. Only {@link Kernels} should name this class, reflectively.
 */
public final class VectorGemm implements Gemm {
    /** Below this many multiply-adds a product finishes before waking another thread pays off. */
    static final long PARALLEL_MIN_FMAS = 1L << 20;

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
        PackedGemm.run(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, parallel);
    }

    @Override
    public String toString() {
        return "VectorGemm (" + MicroKernel.L + " float lanes, " + MicroKernel.MR + "×" + MicroKernel.NR + " tile)";
    }
}
