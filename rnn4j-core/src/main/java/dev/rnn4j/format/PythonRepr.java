package dev.rnn4j.format;

import java.math.BigDecimal;
import java.util.Collection;

/** Python's {@code repr} of the values modules print (floats, booleans), so reprs match PyTorch's. */
public final class PythonRepr {

    private PythonRepr() {
    }

    /** {@code repr(float(v))}: the shortest round-trip digits, 0.5, 1.0, 1e-05, 1e+16. */
    public static String floatRepr(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0.0" : "0.0";
        }
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1;
        if (exponent < -4 || exponent >= 16) {
            String digits = d.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return (v < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                    + String.format("%02d", Math.abs(exponent));
        }
        String plain = d.toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    public static String bool(boolean b) {
        return b ? "True" : "False";
    }

    /** How Python prints {@code module.state_dict().keys()}: {@code odict_keys(['weight', 'bias'])}. */
    public static String odictKeys(Collection<String> keys) {
        StringBuilder sb = new StringBuilder("odict_keys([");
        int i = 0;
        for (String k : keys) {
            sb.append(i++ == 0 ? "" : ", ").append('\'').append(k).append('\'');
        }
        return sb.append("])").toString();
    }
}
