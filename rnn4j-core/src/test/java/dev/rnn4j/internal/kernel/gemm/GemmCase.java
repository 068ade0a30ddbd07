package dev.rnn4j.internal.kernel.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;

/** One random GEMM problem, with padding around every matrix, and ways to check an implementation against it. */
public final class GemmCase {
    final boolean transA, transB, accumulate;
    final int m, n, k, lda, ldb, ldc, aOff, bOff, cOff;
    final float[] a, b, c0;

    public GemmCase(Random rnd, boolean transA, boolean transB, int m, int n, int k, boolean padded, boolean accumulate) {
        this.transA = transA;
        this.transB = transB;
        this.accumulate = accumulate;
        this.m = m;
        this.n = n;
        this.k = k;
        int pad = padded ? 1 + rnd.nextInt(5) : 0;
        lda = Math.max(1, (transA ? m : k) + pad);
        ldb = Math.max(1, (transB ? k : n) + pad);
        ldc = Math.max(1, n + pad);
        aOff = padded ? rnd.nextInt(7) : 0;
        bOff = padded ? rnd.nextInt(7) : 0;
        cOff = padded ? rnd.nextInt(7) : 0;
        a = fill(rnd, aOff + (transA ? k : m) * lda + pad);
        b = fill(rnd, bOff + (transB ? n : k) * ldb + pad);
        c0 = fill(rnd, cOff + m * ldc + pad);
    }

    private static float[] fill(Random rnd, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (rnd.nextGaussian());
        }
        return x;
    }

    public float[] run(Gemm g) {
        float[] c = c0.clone();
        g.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        return c;
    }

    /** The product with B packed by {@code packer} and multiplied by {@code user}. */
    public float[] runPacked(Gemm packer, Gemm user) {
        float[] c = c0.clone();
        PackedMatrix packed = packer.pack(transB, k, n, b, bOff, ldb);
        user.gemm(transA, m, n, k, a, aOff, lda, packed, c, cOff, ldc, accumulate);
        return c;
    }

    float opA(int i, int p) {
        return transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
    }

    float opB(int p, int j) {
        return transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
    }

    /** The exact-ish product in double, and in scale[0] the largest Σ|a·b| (+|c|): what rounding errors scale with. */
    double[] reference(double[] scale) {
        double[] ref = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = accumulate ? c0[cOff + i * ldc + j] : 0, mag = Math.abs(s);
                for (int p = 0; p < k; p++) {
                    s += (double) opA(i, p) * opB(p, j);
                    mag += Math.abs((double) opA(i, p) * opB(p, j));
                }
                ref[i * n + j] = s;
                scale[0] = Math.max(scale[0], mag);
            }
        }
        return ref;
    }

    /** Every element of the m×n window within tol·scale of expected; everything outside it untouched. */
    void assertMatches(float[] c, double[] expected, double relTol, double scale) {
        double tol = relTol * Math.max(scale, 1e-30);
        for (int idx = 0; idx < c.length; idx++) {
            int rel = idx - cOff, i = Math.floorDiv(rel, ldc), j = rel - i * ldc;
            boolean inside = rel >= 0 && i < m && j < n;
            if (!inside) {
                int at = idx;
                assertEquals(c0[at], c[at], 0f, () -> "wrote outside C at " + at + " " + this);
            } else if (!(Math.abs(c[idx] - expected[i * n + j]) <= tol)) {
                fail("C[" + i + "][" + j + "] = " + c[idx] + ", expected " + expected[i * n + j] + " ± " + tol + " " + this);
            }
        }
    }

    double[] asDouble(float[] c) {
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                out[i * n + j] = c[cOff + i * ldc + j];
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "(transA=" + transA + " transB=" + transB + " m=" + m + " n=" + n + " k=" + k + " lda=" + lda
                + " ldb=" + ldb + " ldc=" + ldc + " offs=" + aOff + "/" + bOff + "/" + cOff + " acc=" + accumulate + ")";
    }
}
