package dev.rnn4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rnn4j.golden.GoldenFile;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * {@link SleefFloat} against PyTorch 1.13's own results (tools/golden/activations.py), bit for bit, and
 * {@link VectorSleef} against {@link SleefFloat}, bit for bit. (Both were also checked against libsleef 3.5.1's
 * Sleef_expf8_u10avx2 / Sleef_tanhf8_u10avx2 over all 2^32 floats; see the commit that added them.)
 */
class SleefFloatTest {
    private static final List<GoldenFile.Case> GOLDEN = GoldenFile.load("activations.txt");

    private static GoldenFile.Case golden(String name) {
        return GOLDEN.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static boolean same(float a, float b) {
        return Float.isNaN(a) ? Float.isNaN(b) : Float.floatToRawIntBits(a) == Float.floatToRawIntBits(b);
    }

    private static void assertSame(float expected, float actual, String what) {
        if (!same(expected, actual)) {
            fail(what + ": expected " + expected + " (0x" + Integer.toHexString(Float.floatToRawIntBits(expected))
                    + ") but was " + actual + " (0x" + Integer.toHexString(Float.floatToRawIntBits(actual)) + ")");
        }
    }

    @Test
    void matchesPyTorch113OnContiguousTensors() {
        GoldenFile.Case c = golden("contiguous");
        float[] x = c.tensor("x").values();
        float[] exp = c.tensor("exp").values();
        float[] tanh = c.tensor("tanh").values();
        float[] sigmoid = c.tensor("sigmoid").values();
        for (int i = 0; i < x.length; i++) {
            assertSame(exp[i], SleefFloat.exp(x[i]), "exp(" + x[i] + ")");
            assertSame(tanh[i], SleefFloat.tanh(x[i]), "tanh(" + x[i] + ")");
            assertSame(sigmoid[i], SleefFloat.sigmoid(x[i]), "sigmoid(" + x[i] + ")");
        }
    }

    /** PyTorch's sigmoid_ on a gate chunk: Sleef in the 16-wide blocks of each row, the scalar formula after. */
    @Test
    void matchesPyTorch113OnGateChunks() {
        for (GoldenFile.Case c : GOLDEN) {
            if (!c.name().startsWith("chunk_H")) {
                continue;
            }
            int h = c.getInt("hidden");
            float[] gates = c.tensor("gates").values();
            float[] sigmoid = c.tensor("sigmoid").values();
            float[] tanh = c.tensor("tanh").values();
            int rows = gates.length / (4 * h);
            int sleefEnd = GateRows.sleefSigmoidEnd(h);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < h; j++) {
                    float v = gates[r * 4 * h + j];
                    float s = j < sleefEnd ? SleefFloat.sigmoid(v) : GateMath.sigmoid(v);
                    assertSame(sigmoid[r * h + j], s, c.name() + " sigmoid row " + r + " col " + j);
                    assertSame(tanh[r * h + j], SleefFloat.tanh(v), c.name() + " tanh row " + r + " col " + j);
                }
            }
            // the same through the LSTM kernels: the input gate is chunk 0, saved first in each row
            float[] pre = new float[gates.length];
            float[] saved = new float[rows * 5 * h];
            new LstmGates(h).forward(rows, gates.clone(), null, pre, 0, null, 0, new float[rows * h], 0,
                    new float[rows * h], 0, new float[rows * h], 0, saved, 0);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < h; j++) {
                    assertSame(sigmoid[r * h + j], saved[r * 5 * h + j], c.name() + " LstmGates input gate row " + r + " col " + j);
                }
            }
        }
    }

    private static float[] edgeValues() {
        float[] base = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL, 1e-30f, -1e-30f,
            0.5f, -0.5f, 1f, -1f, 0.6931472f, -0.6931472f, 8.664339742f, -8.664339742f, 9f, -9f, 20f, -20f,
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
        VectorSleef.exp(padded, 0, e, 5, n);
        VectorSleef.tanh(padded, 0, t, 5, n);
        VectorSleef.sigmoid(s, 0, s, 0, n);   // in place
        for (int i = 0; i < x.length; i++) {
            assertSame(SleefFloat.exp(x[i]), e[5 + i], "exp array (" + x[i] + ")");
            assertSame(SleefFloat.tanh(x[i]), t[5 + i], "tanh array (" + x[i] + ")");
            assertSame(SleefFloat.sigmoid(x[i]), s[i], "sigmoid array (" + x[i] + ")");
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

    /** Sleef u10: within 1 ulp of the (double-precision) truth where the result is a normal float. */
    @Test
    void withinOneUlpOfDoublePrecision() {
        Random rnd = new Random(11);
        for (int i = 0; i < 200_000; i++) {
            float x = (float) (200 * rnd.nextDouble() - 100);
            float e = SleefFloat.exp(x);
            double exact = Math.exp(x);
            if (exact > Float.MIN_NORMAL && exact < Float.MAX_VALUE) {
                assertEquals(exact, e, Math.ulp((float) exact) * 1.0001, "exp(" + x + ")");
            }
            float t = (float) (20 * rnd.nextDouble() - 10);
            assertEquals(Math.tanh(t), SleefFloat.tanh(t), Math.ulp((float) Math.tanh(t)) * 1.0001, "tanh(" + t + ")");
        }
    }
}
