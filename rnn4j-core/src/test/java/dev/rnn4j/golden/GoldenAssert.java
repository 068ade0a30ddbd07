package dev.rnn4j.golden;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Compares rnn4j's tensors with PyTorch's. The golden vectors came from PyTorch 1.13 on the reference BLAS, whose
 * order of arithmetic rnn4j's exact mode ({@code Torch.setExactArithmetic}) repeats; the default mode rounds
 * differently (fused multiply-adds, blocked sums), so each mode has its rule:
 * <ul>
 *   <li>exact: every element within {@code tolerance} × the largest magnitude of the expected tensor, as llm.c's
 *   tests do;</li>
 *   <li>default: PyTorch's own {@code assert_close} rule for float32, |got − want| ≤ atol + rtol·|want| with rtol
 *   1.3e-6 and atol = {@code tolerance} (1e-5, its default) scaled by the largest magnitude when that exceeds 1.
 *   Two float32 computations of the same value differ by up to a few ulps of the largest intermediate they went
 *   through, not of the value itself: an input gradient after a long backward pass can be 100× smaller than the
 *   gradients it was summed from (measured: 6e-8 apart on a value of 4e-3, 1.4e-5 of its own size). PyTorch's
 *   atol prices that in; values of order one, as these cases have, are held to 1e-5.</li>
 * </ul>
 */
public final class GoldenAssert {

    /** The tolerance of the golden tests: 1e-5 of the largest magnitude (exact mode), PyTorch's atol (default). */
    public static final double TOLERANCE = 1e-5;
    /** {@code torch.testing.assert_close}'s default rtol for float32. */
    static final double RTOL = 1.3e-6;

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
        boolean exact = Torch.isExactArithmetic();
        double atol = exact ? tolerance * scale : tolerance * Math.max(1, scale);
        double rtol = exact ? 0 : RTOL;
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < want.length; i++) {
            // a NaN matches a NaN and an infinity the same infinity, as PyTorch's assert_close does
            boolean same = Float.compare(want[i], got[i]) == 0 || (Float.isNaN(want[i]) && Float.isNaN(got[i]));
            double excess = same ? 0 : Math.abs((double) want[i] - got[i]) - rtol * Math.abs(want[i]);
            if (!(excess <= worst)) {
                worst = excess;
                worstAt = i;
            }
        }
        if (!(worst <= atol)) {
            double diff = Math.abs((double) want[worstAt] - got[worstAt]);
            fail(String.format("%s: max difference %.3e (%s allows %.3e%s) at index %d: expected %s, got %s;"
                            + " first expected %s, first got %s", what, diff, exact ? "exact" : "default",
                    atol, exact ? "" : " + 1.3e-6·|expected|", worstAt, want[worstAt], got[worstAt], head(want),
                    head(got)));
        }
    }

    /**
     * A tensor printed by rnn4j against PyTorch's text. Exact mode: character for character. Default mode: the same
     * text except that the numbers, as printed, may differ as much as values may (a printed 5.5067e-04 shows
     * differences of 1e-8), or by one unit of their last printed digit.
     */
    public static void assertPrinted(String expected, String actual, String what) {
        if (Torch.isExactArithmetic() || expected.equals(actual)) {
            assertEquals(expected, actual, what);
            return;
        }
        Matcher e = NUMBER.matcher(expected), a = NUMBER.matcher(actual);
        int ei = 0, ai = 0;
        while (e.find()) {
            if (!a.find() || !expected.substring(ei, e.start()).equals(actual.substring(ai, a.start()))
                    || !withinLastDigit(e.group(), a.group())) {
                assertEquals(expected, actual, what + " (beyond one unit in the last printed digit)");
            }
            ei = e.end();
            ai = a.end();
        }
        if (a.find() || !expected.substring(ei).equals(actual.substring(ai))) {
            assertEquals(expected, actual, what);
        }
    }

    private static final Pattern NUMBER = Pattern.compile("-?\\d+\\.\\d*(e[+-]\\d+)?");

    /**
     * Whether two printed numbers of the same notation are as close as two values the default rule accepts (PyTorch's
     * atol and rtol), or one unit of their last printed digit apart.
     */
    private static boolean withinLastDigit(String x, String y) {
        String mantissaX = x.replaceAll("e.*", ""), mantissaY = y.replaceAll("e.*", "");
        int digits = mantissaX.length() - mantissaX.indexOf('.') - 1;
        if (digits != mantissaY.length() - mantissaY.indexOf('.') - 1 || x.contains("e") != y.contains("e")) {
            return false;
        }
        double vx = Double.parseDouble(x), vy = Double.parseDouble(y);
        double exponent = x.contains("e") ? Math.pow(10, Integer.parseInt(x.substring(x.indexOf('e') + 1))) : 1;
        double lastDigit = Math.pow(10, -digits) * exponent;
        return Math.abs(vx - vy) <= Math.max(1.5 * lastDigit, TOLERANCE + RTOL * Math.abs(vx));
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
