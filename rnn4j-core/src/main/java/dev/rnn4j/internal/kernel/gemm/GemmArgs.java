package dev.rnn4j.internal.kernel.gemm;

/** Argument checks shared by the implementations, so that a bad call fails before any element of C is written. */
public final class GemmArgs {
    private GemmArgs() {}

    public static void check(boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("negative size: m=" + m + " n=" + n + " k=" + k);
        }
        // stored shape of A is (m,k), or (k,m) when transA; likewise B is (k,n) or (n,k)
        matrix("A", a, aOff, lda, transA ? k : m, transA ? m : k);
        matrix("B", b, bOff, ldb, transB ? n : k, transB ? k : n);
        matrix("C", c, cOff, ldc, m, n);
    }

    public static void checkB(boolean transB, int k, int n, float[] b, int bOff, int ldb) {
        if (n < 0 || k < 0) {
            throw new IllegalArgumentException("negative size: n=" + n + " k=" + k);
        }
        matrix("B", b, bOff, ldb, transB ? n : k, transB ? k : n);
    }

    /** A and C of a product with a packed B. */
    public static void checkPacked(boolean transA, int m, int n, int k, float[] a, int aOff, int lda, PackedMatrix b,
                            float[] c, int cOff, int ldc) {
        checkPacked(m, n, k, b);
        matrix("A", a, aOff, lda, transA ? k : m, transA ? m : k);
        matrix("C", c, cOff, ldc, m, n);
    }

    public static void checkPacked(int m, int n, int k, PackedMatrix b) {
        if (b.k != k || b.n != n) {
            throw new IllegalArgumentException("packed B is " + b.k + "×" + b.n + ", the product needs " + k + "×" + n);
        }
        if (m < 0) {
            throw new IllegalArgumentException("negative size: m=" + m);
        }
    }

    private static void matrix(String name, float[] x, int off, int ld, int rows, int cols) {
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException("leading dimension of " + name + " is " + ld + ", needs ≥ " + cols);
        }
        if (rows == 0 || cols == 0) {
            return;
        }
        long last = (long) off + (long) (rows - 1) * ld + cols;
        if (off < 0 || last > x.length) {
            throw new IndexOutOfBoundsException(name + " (" + rows + "×" + cols + ", offset " + off + ", ld " + ld
                    + ") does not fit in an array of " + x.length);
        }
    }

    /** C = 0, or nothing when accumulating: the product with k = 0. */
    public static void clearUnlessAccumulate(int m, int n, float[] c, int cOff, int ldc, boolean accumulate) {
        if (accumulate) {
            return;
        }
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
        }
    }
}
