package dev.rnn4j.internal.kernel.gemm;

/** Plain-Java GEMM: the reference the vector kernel is tested against, and the fallback without the Vector API. */
public final class ScalarGemm implements Gemm {

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float[] c, int cOff, int ldc, boolean accumulate) {
        GemmArgs.check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        // op(A)[i][p] sits at i*sa + p*ta, op(B)[p][j] at p*sb + j*tb
        int sa = transA ? 1 : lda, ta = transA ? lda : 1;
        int sb = transB ? 1 : ldb, tb = transB ? ldb : 1;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    sum += a[aOff + i * sa + p * ta] * b[bOff + p * sb + j * tb];
                }
                int ci = cOff + i * ldc + j;
                c[ci] = accumulate ? c[ci] + sum : sum;
            }
        }
    }

    @Override
    public String toString() {
        return "ScalarGemm (plain Java)";
    }
}
