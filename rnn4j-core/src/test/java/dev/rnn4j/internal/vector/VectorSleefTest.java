package dev.rnn4j.internal.vector;

import static dev.rnn4j.golden.GoldenAssert.assertSameBits;

import dev.rnn4j.internal.kernel.gates.FastTanh;
import dev.rnn4j.internal.kernel.gates.SleefFloat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * VectorSleef's and VectorFastTanh's array loops, which the vector gate kernels call, against SleefFloat and
 * FastTanh bit for bit.
 */
class VectorSleefTest {
    private static float[] edgeValues() {
        float[] base = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL, 1e-30f, -1e-30f,
            0.5f, -0.5f, 0.55f, -0.55f, 1f, -1f, 0.6931472f, -0.6931472f, 8.664339742f, -8.664339742f, 9f, -9f, 20f, -20f,
            88.72283f, 88.72284f, -87.33654f, -103.972f, -104f, 100f, 150f, -150f, 1e10f, -1e10f, 4.2e6f, -4.2e6f,
            Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
            Float.intBitsToFloat(0x7f800001), Float.intBitsToFloat(0xffc00000)};
        float[] out = new float[base.length * 9];
        int n = 0;
        for (float b : base) {
            int bits = Float.floatToRawIntBits(b);
            for (int d = -4; d <= 4; d++) {
                out[n++] = Float.intBitsToFloat(bits + d);
            }
        }
        return out;
    }

    /** The array loops the kernels call: the same bits as the scalar functions. */
    private static void arraysAgainstScalar(float[] x) {
        int lanes = VectorSleef.F.length();
        int n = (x.length + lanes - 1) / lanes * lanes;
        float[] padded = java.util.Arrays.copyOf(x, n);
        float[] e = new float[n + 5];
        float[] t = new float[n + 5];
        float[] s = java.util.Arrays.copyOf(x, n + 5);
        float[] f = new float[n + 5];
        VectorFastTanh.tanh(padded, 0, f, 3, n);
        VectorSleef.exp(padded, 0, e, 5, n);
        VectorSleef.tanh(padded, 0, t, 5, n);
        VectorSleef.sigmoid(s, 0, s, 0, n);   // in place
        for (int i = 0; i < x.length; i++) {
            assertSameBits(SleefFloat.exp(x[i]), e[5 + i], "exp array (" + x[i] + ")");
            assertSameBits(SleefFloat.tanh(x[i]), t[5 + i], "tanh array (" + x[i] + ")");
            assertSameBits(SleefFloat.sigmoid(x[i]), s[i], "sigmoid array (" + x[i] + ")");
            assertSameBits(FastTanh.tanh(x[i]), f[3 + i], "fast tanh array (" + x[i] + ")");
        }
    }

    @Test
    void vectorEqualsScalarBitForBit() {
        Random rnd = new Random(7);
        int n = 1 << 21;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            switch (i % 4) {
                case 0 -> x[i] = Float.intBitsToFloat(rnd.nextInt());                          // any bits
                case 1 -> x[i] = (float) ((rnd.nextBoolean() ? 1 : -1) * Math.pow(2, -30 + 38 * rnd.nextDouble()));
                case 2 -> x[i] = (float) (220 * rnd.nextDouble() - 110);                         // exp's range
                default -> x[i] = (float) (20 * rnd.nextDouble() - 10);                          // tanh's range
            }
        }
        for (float[] xs : new float[][] {x, edgeValues()}) {
            arraysAgainstScalar(xs);
        }
    }
}
