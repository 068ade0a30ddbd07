package dev.rnn4j.random;

/**
 * PyTorch's vectorised Box–Muller for contiguous float32 tensors of at least 16 elements
 * ({@code normal_fill_AVX2} / {@code normal_fill_16_AVX2} in
 * {@code aten/src/ATen/native/cpu/DistributionTemplates.h}), lane by lane.
 */
final class NormalFill {

    /** {@code _mm256_set1_ps(2.0f * c10::pi<double>)}: the product is double, then narrowed. */
    private static final float TWO_PI = (float) (2.0 * Math.PI);

    private NormalFill() {
    }

    /**
     * Fills {@code dst[off, off+n)} in place; {@code n >= 16}. All uniforms are drawn first,
     * then transformed 16 at a time; a ragged tail is redrawn as 16 fresh uniforms that
     * overwrite (and overlap) the last full block, which is why the draw count is n + 16.
     */
    static void fill(Mt19937 engine, float[] dst, int off, int n, float mean, float std) {
        for (int i = 0; i < n; i++) {
            dst[off + i] = Uniform.float01(engine.nextInt());
        }
        for (int i = 0; i + 16 <= n; i += 16) {
            fill16(dst, off + i, mean, std);
        }
        if (n % 16 != 0) {
            int tail = off + n - 16;
            for (int i = 0; i < 16; i++) {
                dst[tail + i] = Uniform.float01(engine.nextInt());
            }
            fill16(dst, tail, mean, std);
        }
    }

    /** Pairs lane j with lane j+8; each lane only touches its own two slots. */
    private static void fill16(float[] d, int base, float mean, float std) {
        for (int j = 0; j < 8; j++) {
            float u1 = 1f - d[base + j];
            float u2 = d[base + j + 8];
            // float sqrt via double is exact: double has more than 2*24+2 bits.
            float radius = (float) Math.sqrt(-2f * AvxMathFun.log(u1));
            long sc = AvxMathFun.sincos(TWO_PI * u2);
            float n1 = radius * AvxMathFun.cos(sc);
            float n2 = radius * AvxMathFun.sin(sc);
            d[base + j] = Math.fma(n1, std, mean);
            d[base + j + 8] = Math.fma(n2, std, mean);
        }
    }
}
