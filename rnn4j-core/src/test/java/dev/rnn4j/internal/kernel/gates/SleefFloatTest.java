package dev.rnn4j.internal.kernel.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static dev.rnn4j.golden.GoldenAssert.assertSameBits;

import dev.rnn4j.golden.GoldenFile;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link SleefFloat} and {@link TorchSigmoid} against PyTorch 1.13's own results (tools/golden/activations.py),
 * bit for bit. (SleefFloat and VectorSleef were also checked against libsleef 3.5.1's
 * Sleef_expf8_u10avx2 / Sleef_tanhf8_u10avx2 over all 2^32 floats; see the commit that added them.)
 */
class SleefFloatTest {
    private static final List<GoldenFile.Case> GOLDEN = GoldenFile.load("activations.txt");

    private static GoldenFile.Case golden(String name) {
        return GOLDEN.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void matchesPyTorch113OnContiguousTensors() {
        GoldenFile.Case c = golden("contiguous");
        float[] x = c.tensor("x").values();
        float[] exp = c.tensor("exp").values();
        float[] tanh = c.tensor("tanh").values();
        float[] sigmoid = c.tensor("sigmoid").values();
        for (int i = 0; i < x.length; i++) {
            assertSameBits(exp[i], SleefFloat.exp(x[i]), "exp(" + x[i] + ")");
            assertSameBits(tanh[i], SleefFloat.tanh(x[i]), "tanh(" + x[i] + ")");
            assertSameBits(sigmoid[i], SleefFloat.sigmoid(x[i]), "sigmoid(" + x[i] + ")");
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
            int sleefEnd = TorchSigmoid.sleefEnd(h);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < h; j++) {
                    float v = gates[r * 4 * h + j];
                    float s = j < sleefEnd ? SleefFloat.sigmoid(v) : TorchSigmoid.scalar(v);
                    assertSameBits(sigmoid[r * h + j], s, c.name() + " sigmoid row " + r + " col " + j);
                    assertSameBits(tanh[r * h + j], SleefFloat.tanh(v), c.name() + " tanh row " + r + " col " + j);
                }
            }
            // the same through the LSTM kernels: the input gate is chunk 0, saved first in each row
            float[] pre = new float[gates.length];
            float[] saved = new float[rows * 5 * h];
            GateRows.PLAIN.lstmForward(0, rows, h, gates.clone(), null, null, pre, 0, new float[rows * h], 0,
                    new float[rows * h], 0, new float[rows * h], 0, saved, 0);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < h; j++) {
                    assertSameBits(sigmoid[r * h + j], saved[r * 5 * h + j], c.name() + " LstmGates input gate row " + r + " col " + j);
                }
            }
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
