package dev.rnn4j.internal.kernel.gemm;

import java.util.function.IntFunction;

/**
 * Single-precision matrix multiply on row-major arrays, the one kernel every layer is built on.
 *
 * <p>Implementations must give each element of C a result that does not depend on how many threads
 * computed it, so that training is reproducible whatever {@link Parallel#setNumThreads} says.
 */
public interface Gemm {

    /**
     * C[m×n] = op(A)[m×k] · op(B)[k×n]  (+ C when accumulate). op(X) = Xᵀ when transX. Row-major with leading
     * dimensions: A is m×k (lda ≥ k) or, transposed, k×m (lda ≥ m); B is k×n (ldb ≥ n) or, transposed, n×k
     * (ldb ≥ k). C is m×n (ldc ≥ n). When k is 0 the product is the zero matrix.
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k,
              float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
              float[] c, int cOff, int ldc, boolean accumulate);

    /**
     * Lays out op(B) (k×n; b as in {@link #gemm}) once for many products with it, e.g. a recurrent weight used at
     * every step. The result is a copy: later changes to b do not reach it. Products with it give exactly the
     * same bits as {@link #gemm} with b itself.
     */
    default PackedMatrix pack(boolean transB, int k, int n, float[] b, int bOff, int ldb) {
        return pack(transB, k, n, b, bOff, ldb, float[]::new);
    }

    /**
     * {@link #pack} into an array of the length it needs, from {@code buffers} (which may hand back a used one:
     * every element is written), so that a caller packing a changing weight at every step can reuse its arrays.
     */
    default PackedMatrix pack(boolean transB, int k, int n, float[] b, int bOff, int ldb,
                              IntFunction<float[]> buffers) {
        GemmArgs.checkB(transB, k, n, b, bOff, ldb);
        return PackedMatrix.rowMajor(transB, k, n, b, bOff, ldb, buffers.apply(k * n));
    }

    /** C[m×n] = op(A)[m×k] · B (+ C when accumulate), with B packed by {@link #pack} as k×n. */
    default void gemm(boolean transA, int m, int n, int k, float[] a, int aOff, int lda, PackedMatrix b,
                      float[] c, int cOff, int ldc, boolean accumulate) {
        GemmArgs.checkPacked(m, n, k, b);
        PackedMatrix rm = b.asRowMajor();
        gemm(transA, false, m, n, k, a, aOff, lda, rm.data, 0, Math.max(1, n), c, cOff, ldc, accumulate);
    }
}
