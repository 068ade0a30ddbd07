package dev.rnn4j.internal.kernel.gates;

/**
 * Sleef 3.5.1's float {@code expf} and {@code tanhf} (u10: at most 1 ulp from the true value), transcribed from
 * {@code src/libm/sleefsimdsp.c} ({@code xexpf}, {@code xtanhf} with {@code expk2f}) and {@code df.h} in the
 * build that fuses multiply-adds ({@code ENABLE_FMA_SP}, as the AVX2 one does). PyTorch 1.13's AVX2 kernels
 * compute {@code torch.exp}, {@code torch.tanh} and the vectorised part of {@code torch.sigmoid} with
 * {@code Sleef_expf8_u10} / {@code Sleef_tanhf8_u10}, so these give PyTorch's float results bit for bit.
 *
 * <p>{@code VectorSleef} does the identical operations lane-wise; the two must stay in step, operation by
 * operation, for the vector kernels and their scalar twins to agree bit for bit.
 */
public final class SleefFloat {
    private SleefFloat() {
    }

    /** log2(e), and ln 2 split into a head with trailing zero bits and a tail (Sleef's R_LN2f, L2Uf, L2Lf). */
    public static final float R_LN2F = 1.442695040888963407359924681001892137426645954152985934135449406931f;
    public static final float L2UF = 0.693145751953125f;
    public static final float L2LF = 1.428606765330187045e-06f;

    /** 1.5·2²³: x + RINT − RINT rounds |x| < 2²² to an integer, ties to even, as cvtps2dq does. */
    public static final float RINT = 12582912f;
    /** The bits of RINT: bits(x + RINT) − RINT_BITS = rint(x) for |x| < 2²², as an int. */
    public static final int RINT_BITS = 0x4B400000;

    // xexpf's polynomial (double literals in the C source, rounded to float there too)
    public static final float E5 = (float) 0.000198527617612853646278381;
    public static final float E4 = (float) 0.00139304355252534151077271;
    public static final float E3 = (float) 0.00833336077630519866943359;
    public static final float E2 = (float) 0.0416664853692054748535156;
    public static final float E1 = (float) 0.166666671633720397949219;

    // expk2f's polynomial
    public static final float K5 = 0.1980960224e-3f;
    public static final float K4 = 0.1394256484e-2f;
    public static final float K3 = 0.8333456703e-2f;
    public static final float K2 = 0.4166637361e-1f;
    public static final float K1 = 0.166666659414234244790680580464e+0f;

    /** Above this |x| tanhf answers ±1. */
    public static final float TANH_ONE = 8.664339742f;

    /** Sleef's vpow2i: 2^q for q in the normal exponent range, built from bits. */
    public static float pow2i(int q) {
        return Float.intBitsToFloat((q + 0x7f) << 23);
    }

    /** Sleef's vldexp2: d·2^e in two steps, so e may reach beyond one float exponent. */
    public static float ldexp2(float d, int e) {
        return d * pow2i(e >> 1) * pow2i(e - (e >> 1));
    }

    /** Sleef_expf_u10 (xexpf). */
    public static float exp(float d) {
        float qt = d * R_LN2F + RINT;
        float qf = qt - RINT;
        int q = Float.floatToRawIntBits(qt) - RINT_BITS;
        float s = Math.fma(qf, -L2UF, d);
        s = Math.fma(qf, -L2LF, s);
        float u = E5;
        u = Math.fma(u, s, E4);
        u = Math.fma(u, s, E3);
        u = Math.fma(u, s, E2);
        u = Math.fma(u, s, E1);
        u = Math.fma(u, s, 0.5f);
        u = 1.0f + Math.fma(s * s, u, s);
        u = ldexp2(u, q);
        if (d < -104f) {
            u = 0f;
        }
        if (100f < d) {
            u = Float.POSITIVE_INFINITY;
        }
        return u;
    }

    /** Sleef_tanhf_u10 (xtanhf): (E − 1/E) / (E + 1/E) for E = e^|x| in double-float arithmetic. */
    public static float tanh(float x) {
        float y = Math.abs(x);
        // expk2f((y, 0))
        float qt = (y + 0f) * R_LN2F + RINT;
        float qf = qt - RINT;
        int q = Float.floatToRawIntBits(qt) - RINT_BITS;
        // s = dfadd2((y, 0), qf·−L2U), then dfadd2(s, qf·−L2L)
        float sx, sy;
        {
            float b = qf * -L2UF;
            float s = y + b;
            float v = s - y;
            float t = (y - (s - v)) + (b - v);
            sx = s;
            sy = t + 0f;
        }
        {
            float b = qf * -L2LF;
            float s = sx + b;
            float v = s - sx;
            float t = (sx - (s - v)) + (b - v);
            sy = t + sy;
            sx = s;
        }
        float u = K5;
        u = Math.fma(u, sx, K4);
        u = Math.fma(u, sx, K3);
        u = Math.fma(u, sx, K2);
        // t = dfadd2(dfmul(s, u), K1)
        float tx, ty;
        {
            float mx = sx * u;
            float my = Math.fma(sy, u, Math.fma(sx, u, -mx));
            float s = mx + K1;
            float v = s - mx;
            float t = (mx - (s - v)) + (K1 - v);
            tx = s;
            ty = t + my;
        }
        // t = dfadd2(dfmul(s, t), 0.5)
        {
            float mx = sx * tx;
            float my = Math.fma(sx, ty, Math.fma(sy, tx, Math.fma(sx, tx, -mx)));
            float s = mx + 0.5f;
            float v = s - mx;
            float t = (mx - (s - v)) + (0.5f - v);
            tx = s;
            ty = t + my;
        }
        // t = dfadd2(s, dfmul(dfsqu(s), t))
        {
            float qx = sx * sx;
            float qy = Math.fma(sx + sx, sy, Math.fma(sx, sx, -qx));
            float mx = qx * tx;
            float my = Math.fma(qx, ty, Math.fma(qy, tx, Math.fma(qx, tx, -mx)));
            float s = sx + mx;
            float v = s - sx;
            float t = (sx - (s - v)) + (mx - v);
            tx = s;
            ty = t + (sy + my);
        }
        // t = dfadd(1, t)
        {
            float s = 1f + tx;
            ty = ((1f - s) + tx) + ty;
            tx = s;
        }
        float dx = ldexp2(tx, q);
        float dy = ldexp2(ty, q);
        // (y < -104 never holds: y = |x|)
        // e = dfrec(d)
        float ex = 1f / dx;
        float ey = ex * Math.fma(-dy, ex, Math.fma(-dx, ex, 1f));
        // n = dfadd(d, −e), m = dfadd(d, e)
        float nx = dx + -ex;
        float ny = (((dx - nx) + -ex) + dy) + -ey;
        float mx = dx + ex;
        float my = (((dx - mx) + ex) + dy) + ey;
        // dfdiv(n, m)
        float rt = 1f / mx;
        float rs = nx * rt;
        float ru = Math.fma(rt, nx, -rs);
        float rv = Math.fma(-my, rt, Math.fma(-mx, rt, 1f));
        float ry = Math.fma(rs, rv, Math.fma(ny, rt, ru));
        float r = rs + ry;
        if (Math.abs(x) > TANH_ONE || r != r) {
            r = 1f;
        }
        r = Float.intBitsToFloat(Float.floatToRawIntBits(r) ^ (Float.floatToRawIntBits(x) & 0x80000000));
        if (x != x) {
            r = Float.NaN;
        }
        return r;
    }

    /** σ as PyTorch's vectorised sigmoid computes it: 1 / (1 + exp(0 − x)) with Sleef's exp. */
    public static float sigmoid(float x) {
        return 1f / (exp(0f - x) + 1f);
    }
}
