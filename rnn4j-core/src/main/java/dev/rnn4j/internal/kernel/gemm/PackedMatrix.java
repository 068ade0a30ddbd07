package dev.rnn4j.internal.kernel.gemm;

/**
 * op(B) laid out once by {@link Gemm#pack} for many products with the same right-hand side, such as a recurrent
 * weight met at every step. Opaque: only the {@link Gemm} that packed it knows its layout, and it is a copy, so
 * later changes to the source array do not reach it.
 */
public final class PackedMatrix {
    /** Row-major op(B), k×n: {@link Gemm}'s default layout. */
    public static final int ROW_MAJOR = 0;
    /** {@link PackedGemm}'s layout: depth blocks of {@code kcMax} rows, each cut into strips of NR columns. */
    public static final int STRIPS = 1;

    public final int layout;
    public final int k;
    public final int n;
    public final float[] data;
    /** STRIPS only: the depth of a block (the last may be shorter) and the width of a strip. */
    public final int kcMax;
    public final int nr;

    public PackedMatrix(int layout, int k, int n, float[] data, int kcMax, int nr) {
        this.layout = layout;
        this.k = k;
        this.n = n;
        this.data = data;
        this.kcMax = kcMax;
        this.nr = nr;
    }

    /** The depth k of op(B) (its rows). */
    public int rows() {
        return k;
    }

    /** The width n of op(B) (its columns). */
    public int cols() {
        return n;
    }

    /** op(B) copied from b into d (k·n floats): (k,n) with leading dimension ldb, or (n,k) when transB. */
    static PackedMatrix rowMajor(boolean transB, int k, int n, float[] b, int bOff, int ldb, float[] d) {
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < n; j++) {
                d[p * n + j] = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
            }
        }
        return new PackedMatrix(ROW_MAJOR, k, n, d, 0, 0);
    }

    /** Offset in data of strip s (columns s·nr …) of the depth block that starts at row p0 (STRIPS). */
    public int stripBase(int p0, int s) {
        int kc = Math.min(kcMax, k - p0);
        return p0 * stripsPerBlock() * nr + s * kc * nr;
    }

    public int stripsPerBlock() {
        return (n + nr - 1) / nr;
    }

    /** This matrix as row-major op(B), k×n: itself for ROW_MAJOR, else unpacked. */
    public PackedMatrix asRowMajor() {
        if (layout == ROW_MAJOR) {
            return this;
        }
        float[] d = new float[k * n];
        for (int p0 = 0; p0 < k; p0 += kcMax) {
            int kc = Math.min(kcMax, k - p0);
            for (int j = 0; j < n; j++) {
                int base = stripBase(p0, j / nr) + j % nr;
                for (int p = 0; p < kc; p++) {
                    d[(p0 + p) * n + j] = data[base + p * nr];
                }
            }
        }
        return new PackedMatrix(ROW_MAJOR, k, n, d, 0, 0);
    }

    @Override
    public String toString() {
        return "PackedMatrix(" + k + "×" + n + (layout == STRIPS ? ", strips of " + nr + ")" : ")");
    }
}
