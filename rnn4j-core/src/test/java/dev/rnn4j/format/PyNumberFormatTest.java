package dev.rnn4j.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Python's '{:.4f}' / '{:.4e}' / '{:.0f}' on the exact binary value, half to even. */
class PyNumberFormatTest {

    @Test
    void fixedRoundsTheExactBinaryValueHalfToEven() {
        assertEquals("0.0312", PyNumberFormat.fixed(0.03125, 4)); // String.format gives 0.0313
        assertEquals("0.0938", PyNumberFormat.fixed(0.09375, 4));
        assertEquals("2", PyNumberFormat.fixed(2.5, 0));
        assertEquals("4", PyNumberFormat.fixed(3.5, 0));
        // float32(0.1) is 0.100000001490116..., above the tie
        assertEquals("0.1000", PyNumberFormat.fixed(0.1f, 4));
        assertEquals("10.0000", PyNumberFormat.fixed(9.99996, 4));
    }

    @Test
    void fixedKeepsTheSignOfValuesThatRoundToZero() {
        assertEquals("-0.0000", PyNumberFormat.fixed(-1e-5, 4));
        assertEquals("-0.0000", PyNumberFormat.fixed(-0.0, 4));
        assertEquals("-0", PyNumberFormat.integer(-0.0));
        assertEquals("0", PyNumberFormat.integer(0.0));
    }

    @Test
    void fixedPrintsLargeValuesInFull() {
        assertEquals("100000002004087734272", PyNumberFormat.integer(1e20f));
        assertEquals("123456792.0000", PyNumberFormat.fixed(123456789f, 4));
    }

    @Test
    void sciHasFiveSignificantDigitsAndATwoDigitExponent() {
        assertEquals("1.0000e-05", PyNumberFormat.sci(1e-5, 4));
        assertEquals("1.2346e+08", PyNumberFormat.sci(123456789.0, 4));
        assertEquals("0.0000e+00", PyNumberFormat.sci(0.0, 4));
        assertEquals("-0.0000e+00", PyNumberFormat.sci(-0.0, 4));
        assertEquals("1.4013e-45", PyNumberFormat.sci(Float.MIN_VALUE, 4));
        assertEquals("3.4028e+38", PyNumberFormat.sci(Float.MAX_VALUE, 4));
        assertEquals("1.0000e+100", PyNumberFormat.sci(1e100, 4));
    }

    @Test
    void sciRoundsHalfToEvenAndCarriesIntoTheExponent() {
        assertEquals("1.2346e+05", PyNumberFormat.sci(123455.0, 4));
        assertEquals("1.2344e+05", PyNumberFormat.sci(123445.0, 4));
        assertEquals("1.0312e+00", PyNumberFormat.sci(1.03125, 4));
        assertEquals("1.0000e+01", PyNumberFormat.sci(9.99996, 4));
        assertEquals("2e+00", PyNumberFormat.sci(2.5, 0));
        assertEquals("1.5e+00", PyNumberFormat.sci(1.5, 1));
    }

    @Test
    void float32OfOneTenThousandthIsBelowOneTenThousandth() {
        assertTrue((double) 1e-4f < 1e-4, "so a float32 1e-4 sends the formatter to sci mode");
        assertEquals("1.0000e-04", PyNumberFormat.sci(1e-4f, 4));
    }

    @Test
    void specialsAreSpelledAsPythonDoesWithoutSignOnNan() {
        assertEquals("nan", PyNumberFormat.fixed(Double.NaN, 4));
        assertEquals("nan", PyNumberFormat.sci(Double.longBitsToDouble(0xfff8000000000000L), 4));
        assertEquals("inf", PyNumberFormat.sci(Double.POSITIVE_INFINITY, 4));
        assertEquals("-inf", PyNumberFormat.integer(Double.NEGATIVE_INFINITY));
        assertEquals("       nan", PyNumberFormat.sci(Double.NaN, 4, 10));
    }
}
