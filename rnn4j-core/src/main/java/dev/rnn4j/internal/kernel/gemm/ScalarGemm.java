package dev.rnn4j.internal.kernel.gemm;

/**
 * Plain-Java GEMM: the fallback without the Vector API, and the reference the vector kernel is tested against. It
 * rounds as {@link Arithmetic} says, so both give the same bits. The default arithmetic's loops are blocked so that
 * C2 vectorises them: four rows of C at a time, each depth step an independent fused multiply-add across a run of
 * columns, over a copy of op(B)'s block.
 */
public final class ScalarGemm implements Gemm {
    /** Columns per pass: four rows of sums (4 KB) stay in L1 while a depth block of B streams by. */
    private static final int NB = 256;
    private static final int ROWS = 4;
    /** Below this many multiply-adds, {@link #small}. */
    private static final long SMALL_FMAS = 1L << 13;

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
        } else if ((long) m * n * k < SMALL_FMAS) {
            small(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        } else {
            blocked(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        }
    }

    /**
     * The default arithmetic element by element, with nothing to allocate or copy: for products so small (a seed-sized
     * cell) that laying out B would cost more than the product.
     */
    private static void small(boolean transA, boolean transB, int m, int n, int k,
                              float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                              float[] c, int cOff, int ldc, boolean accumulate) {
        int sa = transA ? 1 : lda, ta = transA ? lda : 1;
        int sb = transB ? 1 : ldb, tb = transB ? ldb : 1;
        int kcMax = DepthBlocks.size(k);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int ci = cOff + i * ldc + j;
                float sum = c[ci];
                for (int p0 = 0; p0 < k; p0 += kcMax) {
                    float t = 0f;
                    for (int p = p0, end = Math.min(k, p0 + kcMax); p < end; p++) {
                        t = Math.fma(a[aOff + i * sa + p * ta], b[bOff + p * sb + j * tb], t);
                    }
                    sum = p0 == 0 && !accumulate ? t : sum + t;
                }
                c[ci] = sum;
            }
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
     * or C + t. Each block of op(B) is copied into rows of their own arrays, and each row of sums has its own array
     * too: C2 vectorises a loop only when it can see that its loads and stores cannot overlap, which it can for two
     * arrays indexed alike and cannot for one array at two unknown offsets.
     */
    private static void blocked(boolean transA, boolean transB, int m, int n, int k,
                                float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                float[] c, int cOff, int ldc, boolean accumulate) {
        int sa = transA ? 1 : lda, ta = transA ? lda : 1;
        int kcMax = DepthBlocks.size(k), nbMax = Math.min(NB, n);
        float[][] bRows = new float[Math.min(kcMax, k)][nbMax];
        float[][] t = new float[ROWS][nbMax];
        float[] av = new float[ROWS * 4];
        for (int p0 = 0; p0 < k; p0 += kcMax) {
            int kc = Math.min(kcMax, k - p0);
            boolean add = accumulate || p0 > 0;
            for (int j0 = 0; j0 < n; j0 += NB) {
                int nb = Math.min(NB, n - j0);
                copyBlock(transB, b, bOff, ldb, p0, kc, j0, nb, bRows);
                for (int i0 = 0; i0 < m; i0 += ROWS) {
                    int rows = Math.min(ROWS, m - i0);
                    for (float[] row : t) {
                        java.util.Arrays.fill(row, 0, nb, 0f);
                    }
                    int p = 0;
                    for (; p + 4 <= kc; p += 4) {
                        for (int r = 0; r < ROWS; r++) {
                            for (int q = 0; q < 4; q++) {
                                av[r * 4 + q] = r < rows ? a[aOff + (i0 + r) * sa + (p0 + p + q) * ta] : 0f;
                            }
                        }
                        fmaRows4(av, bRows[p], bRows[p + 1], bRows[p + 2], bRows[p + 3], nb, t[0], t[1], t[2], t[3]);
                    }
                    for (; p < kc; p++) {
                        int at = aOff + i0 * sa + (p0 + p) * ta;
                        fmaRows(a[at], rows > 1 ? a[at + sa] : 0f, rows > 2 ? a[at + 2 * sa] : 0f,
                                rows > 3 ? a[at + 3 * sa] : 0f, bRows[p], nb, t[0], t[1], t[2], t[3]);
                    }
                    for (int r = 0; r < rows; r++) {
                        int ci = cOff + (i0 + r) * ldc + j0;
                        float[] tr = t[r];
                        for (int j = 0; j < nb; j++) {
                            c[ci + j] = add ? c[ci + j] + tr[j] : tr[j];
                        }
                    }
                }
            }
        }
    }

    /** t_r[j] = fma(a_r, b[j], t_r[j]) for four rows at once: one load of B per column, four FMAs. */
    private static void fmaRows(float a0, float a1, float a2, float a3, float[] b, int nb,
                                float[] t0, float[] t1, float[] t2, float[] t3) {
        for (int j = 0; j < nb; j++) {
            float bj = b[j];
            t0[j] = Math.fma(a0, bj, t0[j]);
            t1[j] = Math.fma(a1, bj, t1[j]);
            t2[j] = Math.fma(a2, bj, t2[j]);
            t3[j] = Math.fma(a3, bj, t3[j]);
        }
    }

    /** Four depth steps of {@link #fmaRows} in one pass, in depth order: each sum is loaded and stored once. */
    private static void fmaRows4(float[] av, float[] b0, float[] b1, float[] b2, float[] b3, int nb,
                                 float[] t0, float[] t1, float[] t2, float[] t3) {
        float a00 = av[0], a01 = av[1], a02 = av[2], a03 = av[3], a10 = av[4], a11 = av[5], a12 = av[6], a13 = av[7];
        float a20 = av[8], a21 = av[9], a22 = av[10], a23 = av[11], a30 = av[12], a31 = av[13], a32 = av[14];
        float a33 = av[15];
        for (int j = 0; j < nb; j++) {
            float x0 = b0[j], x1 = b1[j], x2 = b2[j], x3 = b3[j];
            t0[j] = Math.fma(a03, x3, Math.fma(a02, x2, Math.fma(a01, x1, Math.fma(a00, x0, t0[j]))));
            t1[j] = Math.fma(a13, x3, Math.fma(a12, x2, Math.fma(a11, x1, Math.fma(a10, x0, t1[j]))));
            t2[j] = Math.fma(a23, x3, Math.fma(a22, x2, Math.fma(a21, x1, Math.fma(a20, x0, t2[j]))));
            t3[j] = Math.fma(a33, x3, Math.fma(a32, x2, Math.fma(a31, x1, Math.fma(a30, x0, t3[j]))));
        }
    }

    /** rows[p][j] = op(B)[p0 + p][j0 + j] for p < kc, j < nb. */
    private static void copyBlock(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int j0, int nb,
                                  float[][] rows) {
        for (int p = 0; p < kc; p++) {
            float[] row = rows[p];
            if (transB) {
                for (int j = 0; j < nb; j++) {
                    row[j] = b[bOff + (j0 + j) * ldb + p0 + p];
                }
            } else {
                System.arraycopy(b, bOff + (p0 + p) * ldb + j0, row, 0, nb);
            }
        }
    }

    @Override
    public String toString() {
        return "ScalarGemm (plain Java)";
    }
}
