package dev.rnn4j.format;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code '{:.Nf}'} and {@code '{:.Ne}'} for a double, character for character.
 *
 * <p>Python formats the exact binary value and rounds half to even, so 0.03125 gives
 * "0.0312". {@code String.format} rounds the shortest decimal representation half up
 * instead ("0.0313"), which is why this class works on {@link BigDecimal}.
 */
public final class PyNumberFormat {

    private PyNumberFormat() {
    }

    /** {@code '{:.Nf}'.format(v)}: fixed point with {@code precision} decimals. */
    public static String fixed(double v, int precision) {
        String special = special(v);
        if (special != null) {
            return special;
        }
        // Python keeps the sign of a value that rounds to zero (-1e-5 -> "-0.0000").
        String digits = new BigDecimal(Math.abs(v)).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
        return negative(v) ? "-" + digits : digits;
    }

    /** {@code '{:.Ne}'.format(v)}: one digit, {@code precision} decimals, then e±XX. */
    public static String sci(double v, int precision) {
        String special = special(v);
        if (special != null) {
            return special;
        }
        String digits;
        int exponent;
        if (v == 0) {
            digits = "0";
            exponent = 0;
        } else {
            BigDecimal rounded = new BigDecimal(Math.abs(v)).round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
            digits = rounded.unscaledValue().toString();
            // unscaled * 10^-scale, with the first digit in front of the point.
            exponent = digits.length() - 1 - rounded.scale();
        }
        StringBuilder out = new StringBuilder();
        if (negative(v)) {
            out.append('-');
        }
        out.append(digits.charAt(0));
        if (precision > 0) {
            out.append('.');
            // BigDecimal drops nothing, but an exact short value (1.5) has fewer digits than asked.
            String fraction = digits.substring(1);
            out.append(fraction);
            out.append("0".repeat(precision - fraction.length()));
        }
        out.append('e').append(exponent < 0 ? '-' : '+');
        int absExp = Math.abs(exponent);
        if (absExp < 10) {
            out.append('0');
        }
        return out.append(absExp).toString();
    }

    /** {@code '{:W.Ne}'.format(v)}: {@link #sci} right-aligned in {@code width} columns. */
    public static String sci(double v, int precision, int width) {
        return padLeft(sci(v, precision), width);
    }

    /** {@code '{:.0f}'} is fixed with no decimals; named for the call sites that mean "integer". */
    public static String integer(double v) {
        return fixed(v, 0);
    }

    /** Left-pads with spaces to at least {@code width} characters, as Python's right alignment. */
    public static String padLeft(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    /** nan, inf and -inf, as Python spells them; Python ignores the sign of a NaN. */
    private static String special(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return null;
    }

    /** True for negative values and -0.0: Python prints a minus whenever the sign bit is set. */
    private static boolean negative(double v) {
        return Double.doubleToRawLongBits(v) < 0;
    }
}
