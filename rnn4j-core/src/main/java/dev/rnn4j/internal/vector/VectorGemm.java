package dev.rnn4j.internal.vector;

import dev.rnn4j.internal.kernel.gemm.Gemm;
import dev.rnn4j.internal.kernel.gemm.GemmArgs;
import dev.rnn4j.internal.kernel.gemm.PackedMatrix;
import dev.rnn4j.internal.kernel.gemm.ScalarGemm;
import dev.rnn4j.internal.parallel.Parallel;

import java.util.function.IntFunction;

/**
 * GEMM on the incubating Vector API: cache-blocked and register-tiled ({@link PackedGemm}), split over the
 * {@link Parallel} pool for big products. Bit for bit the same results as {@link ScalarGemm} in either
 * {@link dev.rnn4j.internal.kernel.gemm.Arithmetic}. {@link VectorKernels} offers it.
 */
public final class VectorGemm implements Gemm {
    /** Below this many multiply-adds a product finishes before waking another thread pays off. */
    static final long PARALLEL_MIN_FMAS = 1L << 20;
    /**
     * Below this many multiply-adds the plain twin runs the product (same bits): it needs no packing, and tiny shapes
     * (a seed-sized model run thousands of times) never reach the vector kernels, whose JIT profiles they would
     * otherwise fill with branches that real shapes do not take.
     */
    static final long PLAIN_MAX_FMAS = 1L << 12;
    private static final Gemm PLAIN = new ScalarGemm();

    private final long plainMaxFmas;

    public VectorGemm() {
        this(PLAIN_MAX_FMAS);
    }

    /** With another size below which the plain twin runs: tests give 0 to run even the tiniest product here. */
    VectorGemm(long plainMaxFmas) {
        this.plainMaxFmas = plainMaxFmas;
    }

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
        if ((long) m * n * k < plainMaxFmas) {
            PLAIN.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            return;
        }
        boolean parallel = (long) m * n * k >= PARALLEL_MIN_FMAS && Parallel.getNumThreads() > 1;
        PackedGemm.run(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, null, c, cOff, ldc, accumulate,
                parallel);
    }

    @Override
    public PackedMatrix pack(boolean transB, int k, int n, float[] b, int bOff, int ldb,
                             IntFunction<float[]> buffers) {
        GemmArgs.checkB(transB, k, n, b, bOff, ldb);
        if (k == 0 || n == 0) {
            return new PackedMatrix(PackedMatrix.ROW_MAJOR, k, n, new float[0], 0, 0);
        }
        if ((long) k * n < plainMaxFmas) {   // products with it are small: the plain twin's layout serves them
            return PLAIN.pack(transB, k, n, b, bOff, ldb, buffers);
        }
        boolean parallel = (long) k * n >= PARALLEL_MIN_FMAS / 8 && Parallel.getNumThreads() > 1;
        return PackedGemm.pack(transB, k, n, b, bOff, ldb, parallel, buffers);
    }

    @Override
    public void gemm(boolean transA, int m, int n, int k, float[] a, int aOff, int lda, PackedMatrix b,
                     float[] c, int cOff, int ldc, boolean accumulate) {
        GemmArgs.checkPacked(transA, m, n, k, a, aOff, lda, b, c, cOff, ldc);
        if (b.layout != PackedMatrix.STRIPS || b.nr != MicroKernel.NR) { // packed by another Gemm, or empty
            Gemm.super.gemm(transA, m, n, k, a, aOff, lda, b, c, cOff, ldc, accumulate);
            return;
        }
        if (m == 0) {
            return;
        }
        boolean parallel = (long) m * n * k >= PARALLEL_MIN_FMAS && Parallel.getNumThreads() > 1;
        PackedGemm.run(transA, false, m, n, k, a, aOff, lda, null, 0, 0, b, c, cOff, ldc, accumulate, parallel);
    }

    @Override
    public String toString() {
        return "VectorGemm (" + MicroKernel.L + " float lanes, " + MicroKernel.MR + "×" + MicroKernel.NR + " FMA tile; exact "
                + ExactMicroKernel.MR + "×" + MicroKernel.NR + ")";
    }
}
