package dev.rnn4j.random;

/**
 * The bit-to-real mappings of PyTorch's {@code transformation::uniform_real}
 * ({@code aten/src/ATen/core/TransformationHelper.h}).
 */
final class Uniform {

    private static final float FLOAT_DIVISOR = 0x1p-24f;
    private static final double DOUBLE_DIVISOR = 0x1p-53;
    private static final long DOUBLE_MASK = (1L << 53) - 1;

    private Uniform() {
    }

    /** Low 24 bits of one draw scaled into [0, 1); exact in float. */
    static float float01(int bits) {
        return (bits & 0xFFFFFF) * FLOAT_DIVISOR;
    }

    /**
     * {@code x * (to - from) + from} in float. The AVX2 kernel is compiled with FMA
     * contraction, so the product is not rounded on its own. PyTorch 2.x then maps a result
     * equal to {@code to} back to {@code from} to keep the interval half-open.
     */
    static float floatRange(int bits, float from, float to) {
        float v = Math.fma(float01(bits), to - from, from);
        return v == to ? from : v;
    }

    /** Low 53 bits of a 64-bit draw scaled into [0, 1); exact in double. */
    static double double01(long bits) {
        return (bits & DOUBLE_MASK) * DOUBLE_DIVISOR;
    }
}
