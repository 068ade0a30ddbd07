package dev.rnn4j.golden;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Compares rnn4j's tensors with PyTorch's, relative to the largest magnitude, as llm.c's tests do. */
public final class GoldenAssert {

    /** The tolerance of the golden tests: 1e-5 of the largest magnitude of the expected tensor. */
    public static final double TOLERANCE = 1e-5;

    private GoldenAssert() {
    }

    /** The tensor PyTorch wrote; a 0-d one stays 0-d (Torch.tensor without a shape makes a vector). */
    public static Tensor tensor(GoldenFile.Array a) {
        if (a.shape().length == 0) {
            return Torch.scalar(a.values()[0]);
        }
        return Torch.tensor(a.values(), a.shape());
    }

    public static void assertClose(String what, GoldenFile.Array expected, Tensor actual) {
        assertClose(what, expected, actual, TOLERANCE);
    }

    public static void assertClose(String what, GoldenFile.Array expected, Tensor actual, double tolerance) {
        if (actual == null) {
            fail(what + ": no tensor, expected shape " + Arrays.toString(expected.shape()));
        }
        assertArrayEquals(expected.shape(), actual.shape().toArray(), what + ": shape");
        float[] want = expected.values();
        float[] got = actual.toFloatArray();
        double scale = 0;
        for (float v : want) {
            scale = Float.isNaN(v) ? scale : Math.max(scale, Math.abs(v));
        }
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < want.length; i++) {
            // a NaN matches a NaN and an infinity the same infinity, as PyTorch's assert_close does
            boolean same = Float.compare(want[i], got[i]) == 0 || (Float.isNaN(want[i]) && Float.isNaN(got[i]));
            double diff = same ? 0 : Math.abs((double) want[i] - got[i]);
            if (!(diff <= worst)) {
                worst = diff;
                worstAt = i;
            }
        }
        double relative = scale == 0 ? worst : worst / scale;
        if (!(relative <= tolerance)) {
            fail(String.format("%s: max difference %.3e (relative %.3e) at index %d: expected %s, got %s;"
                            + " first expected %s, first got %s", what, worst, relative, worstAt, want[worstAt],
                    got[worstAt], head(want), head(got)));
        }
    }

    /** The same float bit for bit (any NaN matches any NaN), with both bit patterns in the failure message. */
    public static void assertSameBits(float expected, float actual, String what) {
        boolean same = Float.isNaN(expected) ? Float.isNaN(actual)
                : Float.floatToRawIntBits(expected) == Float.floatToRawIntBits(actual);
        if (!same) {
            fail(what + ": expected " + expected + " (0x" + Integer.toHexString(Float.floatToRawIntBits(expected))
                    + ") but was " + actual + " (0x" + Integer.toHexString(Float.floatToRawIntBits(actual)) + ")");
        }
    }

    private static String head(float[] v) {
        return Arrays.toString(Arrays.copyOf(v, Math.min(v.length, 6)));
    }
}
