package dev.rnn4j.internal.kernel.gates;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FastTanh against the true tanh (Math.tanh in double, far finer than a float ulp). */
class FastTanhTest {

    /** Error in units of the float nearest the true value. */
    private static double ulps(float x) {
        double truth = Math.tanh(x);
        return Math.abs(FastTanh.tanh(x) - truth) / Math.ulp((float) truth);
    }

    /**
     * Every 61st float from 0 to 12 (beyond 9 tanh rounds to 1), and every float near the branch point: at most 2
     * ulp (1.50 measured over every 7th float). The sign is copied, so negative x mirror these.
     */
    @Test
    void withinTwoUlpOverTheFloatRange() {
        double worst = 0;
        int end = Float.floatToRawIntBits(12f);
        for (int bits = 0; bits <= end; bits += 61) {
            worst = Math.max(worst, ulps(Float.intBitsToFloat(bits)));
        }
        int branch = Float.floatToRawIntBits(FastTanh.SMALL);
        for (int bits = branch - 100_000; bits <= branch + 100_000; bits++) {
            worst = Math.max(worst, ulps(Float.intBitsToFloat(bits)));
        }
        assertTrue(worst <= 2, "worst error " + worst + " ulp");
    }

    @Test
    void edgesAsTanh() {
        assertEquals(0f, FastTanh.tanh(0f));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(FastTanh.tanh(-0f)));
        assertEquals(Float.MIN_VALUE, FastTanh.tanh(Float.MIN_VALUE));
        assertEquals(1e-20f, FastTanh.tanh(1e-20f));
        assertEquals(1f, FastTanh.tanh(20f));
        assertEquals(-1f, FastTanh.tanh(Float.NEGATIVE_INFINITY));
        assertEquals(1f, FastTanh.tanh(Float.MAX_VALUE));
        assertTrue(Float.isNaN(FastTanh.tanh(Float.NaN)));
        assertEquals(-FastTanh.tanh(0.7f), FastTanh.tanh(-0.7f));
    }
}
