package dev.rnn4j.internal.kernel.gemm;

/**
 * Plain-Java GEMM: the fallback without the Vector API, and the reference the vector kernel is tested against. It
 * rounds as {@link Arithmetic} says, so both give the same bits. The default arithmetic's loops are blocked so that
 * C2 vectorises them: four rows of C at a time, each depth step an independent fused multiply-add across a run of
 * columns, over a row-major copy of op(B)'s depth block.
 */
public final class ScalarGemm implements Gemm {
    /** Columns per pass: four rows of sums (4 KB) stay in L1 while a depth block of B streams by. */
    private static final int NB = 256;
    private static final int ROWS = 4;

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
        } else if (Arithmetic.exact()) {
            reference(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        } else {
            blocked(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        }
    }

    /** The reference BLAS's order: one running sum per element over the whole depth, t = t + a·b. */
    private static void reference(boolean transA, boolean transB, int m, int n, int k,
                                  float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                  float[] c, int cOff, int ldc, boolean accumulate) {
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

    /**
     * The default arithmetic: per depth block, t = fma(a, b, t) from zero in depth order, then C = t (first block)
     * or C + t. Each depth block of op(B) is first copied row-major, so the inner loops read it contiguously.
     */
    private static void blocked(boolean transA, boolean transB, int m, int n, int k,
                                float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                float[] c, int cOff, int ldc, boolean accumulate) {
        int sa = transA ? 1 : lda, ta = transA ? lda : 1;
        int kcMax = DepthBlocks.size(k);
        float[] bp = new float[Math.min(kcMax, k) * n];
        float[] t = new float[ROWS * NB];
        float[] av = new float[ROWS];
        for (int p0 = 0; p0 < k; p0 += kcMax) {
            int kc = Math.min(kcMax, k - p0);
            copyRowMajor(transB, b, bOff, ldb, p0, kc, n, bp);
            boolean add = accumulate || p0 > 0;
            for (int j0 = 0; j0 < n; j0 += NB) {
                int nb = Math.min(NB, n - j0);
                for (int i0 = 0; i0 < m; i0 += ROWS) {
                    int rows = Math.min(ROWS, m - i0);
                    java.util.Arrays.fill(t, 0f);
                    for (int p = 0; p < kc; p++) {
                        for (int r = 0; r < ROWS; r++) {
                            av[r] = r < rows ? a[aOff + (i0 + r) * sa + (p0 + p) * ta] : 0f;
                        }
                        fmaRows(av, bp, p * n + j0, nb, t);
                    }
                    for (int r = 0; r < rows; r++) {
                        int ci = cOff + (i0 + r) * ldc + j0;
                        for (int j = 0; j < nb; j++) {
                            c[ci + j] = add ? c[ci + j] + t[r * NB + j] : t[r * NB + j];
                        }
                    }
                }
            }
        }
    }

    /** t[r][j] = fma(av[r], bp[at + j], t[r][j]) for four rows at once: one load of B per column, four FMAs. */
    private static void fmaRows(float[] av, float[] bp, int at, int nb, float[] t) {
        float a0 = av[0], a1 = av[1], a2 = av[2], a3 = av[3];
        for (int j = 0; j < nb; j++) {
            float bj = bp[at + j];
            t[j] = Math.fma(a0, bj, t[j]);
            t[NB + j] = Math.fma(a1, bj, t[NB + j]);
            t[2 * NB + j] = Math.fma(a2, bj, t[2 * NB + j]);
            t[3 * NB + j] = Math.fma(a3, bj, t[3 * NB + j]);
        }
    }

    /** dst[p*n + j] = op(B)[p0 + p][j] for p < kc. */
    private static void copyRowMajor(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int n, float[] dst) {
        for (int p = 0; p < kc; p++) {
            if (transB) {
                for (int j = 0; j < n; j++) {
                    dst[p * n + j] = b[bOff + j * ldb + p0 + p];
                }
            } else {
                System.arraycopy(b, bOff + (p0 + p) * ldb, dst, p * n, n);
            }
        }
    }

    @Override
    public String toString() {
        return "ScalarGemm (plain Java)";
    }
}
