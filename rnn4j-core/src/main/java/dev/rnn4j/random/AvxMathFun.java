package dev.rnn4j.random;

/**
 * One lane of the Cephes-style {@code log256_ps} and {@code sincos256_ps} from PyTorch's
 * {@code aten/src/ATen/native/cpu/avx_mathfun.h}, as the x86 AVX2 build executes them.
 *
 * <p>Every step is a float32 operation in the original order. {@link Math#fma} appears exactly
 * where GCC ({@code -ffp-contract=fast}) contracts a multiply into the add or subtract that
 * consumes it: a multiply is fused when all of its uses are additions, and when both operands
 * of an addition are products the one computed first is the one fused. This placement was
 * checked instruction by instruction against the disassembled AVX2 {@code normal_fill} of a
 * GCC 12 build of libtorch_cpu 1.13. Several alternatives change about one result in 10^4 to
 * 10^6 by one ulp; others are harmless only because the product is exact (e*Q2, y*DP1, y*DP2).
 *
 * <p>Constants are written as {@code (float) double} because C converts the double literal
 * to float, which can round differently from a direct decimal-to-float conversion.
 */
final class AvxMathFun {

    private static final float MIN_NORM_POS = Float.intBitsToFloat(0x00800000);
    private static final int MANT_MASK = 0x7f800000;
    private static final int HALF_BITS = Float.floatToRawIntBits(0.5f);

    private static final float SQRTHF = (float) 0.707106781186547524;
    private static final float LOG_P0 = (float) 7.0376836292E-2;
    private static final float LOG_P1 = (float) -1.1514610310E-1;
    private static final float LOG_P2 = (float) 1.1676998740E-1;
    private static final float LOG_P3 = (float) -1.2420140846E-1;
    private static final float LOG_P4 = (float) 1.4249322787E-1;
    private static final float LOG_P5 = (float) -1.6668057665E-1;
    private static final float LOG_P6 = (float) 2.0000714765E-1;
    private static final float LOG_P7 = (float) -2.4999993993E-1;
    private static final float LOG_P8 = (float) 3.3333331174E-1;
    private static final float LOG_Q1 = (float) -2.12194440e-4;
    private static final float LOG_Q2 = (float) 0.693359375;

    private static final float MINUS_DP1 = (float) -0.78515625;
    private static final float MINUS_DP2 = (float) -2.4187564849853515625e-4;
    private static final float MINUS_DP3 = (float) -3.77489497744594108e-8;
    private static final float SINCOF_P0 = (float) -1.9515295891E-4;
    private static final float SINCOF_P1 = (float) 8.3321608736E-3;
    private static final float SINCOF_P2 = (float) -1.6666654611E-1;
    private static final float COSCOF_P0 = (float) 2.443315711809948E-005;
    private static final float COSCOF_P1 = (float) -1.388731625493765E-003;
    private static final float COSCOF_P2 = (float) 4.166664568298827E-002;
    private static final float FOPI = (float) 1.27323954473516;

    private static final int SIGN_MASK = 0x80000000;

    private AvxMathFun() {
    }

    /** {@code log256_ps} for one lane: natural log, NaN for {@code x <= 0}. */
    static float log(float x) {
        // _CMP_LE_OS: false for NaN, so NaN passes through the arithmetic below.
        boolean invalid = x <= 0f;
        // maxps returns its second operand when the first is NaN or not greater.
        x = x > MIN_NORM_POS ? x : MIN_NORM_POS;
        int bits = Float.floatToRawIntBits(x);
        int exponent = bits >>> 23;
        x = Float.intBitsToFloat((bits & ~MANT_MASK) | HALF_BITS);
        float e = (float) (exponent - 0x7f);
        e = e + 1f;

        boolean belowSqrtHalf = x < SQRTHF;
        float tmp = belowSqrtHalf ? x : 0f;
        x = x - 1f;
        e = e - (belowSqrtHalf ? 1f : 0f);
        x = x + tmp;

        float z = x * x;
        float y = Math.fma(LOG_P0, x, LOG_P1);
        y = Math.fma(y, x, LOG_P2);
        y = Math.fma(y, x, LOG_P3);
        y = Math.fma(y, x, LOG_P4);
        y = Math.fma(y, x, LOG_P5);
        y = Math.fma(y, x, LOG_P6);
        y = Math.fma(y, x, LOG_P7);
        y = Math.fma(y, x, LOG_P8);
        y = y * x;
        // y*z and e*q1 both feed this add; the earlier product (y*z) is the fused one.
        y = Math.fma(y, z, e * LOG_Q1);
        y = Math.fma(-z, 0.5f, y);
        x = x + y;
        x = Math.fma(e, LOG_Q2, x);
        return invalid ? Float.intBitsToFloat(0xffffffff) : x;
    }

    /**
     * {@code sincos256_ps} for one lane. Returns both results packed in a long (sine bits in
     * the high half, cosine bits in the low half) so that the hot loop allocates nothing;
     * unpack with {@link #sin(long)} and {@link #cos(long)}.
     */
    static long sincos(float x) {
        int signSin = Float.floatToRawIntBits(x) & SIGN_MASK;
        x = Float.intBitsToFloat(Float.floatToRawIntBits(x) & ~SIGN_MASK);
        float y = x * FOPI;

        // cvttps truncates toward zero (Java's cast agrees for the finite, in-range
        // arguments Box-Muller produces); j = (j + 1) & ~1 as in Cephes.
        int j = (int) y;
        j = (j + 1) & ~1;
        y = (float) j;
        int swapSignSin = (j & 4) << 29;
        boolean sinPolyIsSine = (j & 2) == 0;
        int signCos = (~(j - 2) & 4) << 29;
        signSin ^= swapSignSin;

        // Extended precision modular arithmetic: each product is fused into its add.
        x = Math.fma(y, MINUS_DP1, x);
        x = Math.fma(y, MINUS_DP2, x);
        x = Math.fma(y, MINUS_DP3, x);

        float z = x * x;
        float yc = Math.fma(COSCOF_P0, z, COSCOF_P1);
        yc = Math.fma(yc, z, COSCOF_P2);
        yc = yc * z;
        // yc*z is computed before z*0.5, so it is the product fused into the subtraction.
        yc = Math.fma(yc, z, -(z * 0.5f));
        yc = yc + 1f;

        float ys = Math.fma(SINCOF_P0, z, SINCOF_P1);
        ys = Math.fma(ys, z, SINCOF_P2);
        ys = ys * z;
        ys = Math.fma(ys, x, x);

        // The blend is done with masks and additions of +0, which can turn -0 into +0.
        float ysin2 = sinPolyIsSine ? ys : 0f;
        float ysin1 = sinPolyIsSine ? 0f : yc;
        float ys2 = ys - ysin2;
        float yc2 = yc - ysin1;
        float sin = Float.intBitsToFloat(Float.floatToRawIntBits(ysin1 + ysin2) ^ signSin);
        float cos = Float.intBitsToFloat(Float.floatToRawIntBits(yc2 + ys2) ^ signCos);
        return ((long) Float.floatToRawIntBits(sin) << 32) | (Float.floatToRawIntBits(cos) & 0xffffffffL);
    }

    static float sin(long sincos) {
        return Float.intBitsToFloat((int) (sincos >>> 32));
    }

    static float cos(long sincos) {
        return Float.intBitsToFloat((int) sincos);
    }
}
