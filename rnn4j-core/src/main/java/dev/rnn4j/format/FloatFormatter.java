package dev.rnn4j.format;

import java.util.stream.DoubleStream;

/**
 * {@code _Formatter} for float32 tensors. It looks at the finite non-zero values shown
 * (as exact doubles) and picks one of three notations:
 * <ul>
 * <li>int mode, all values integral: {@code '{:.0f}'} plus a "." ("3.");</li>
 * <li>scientific: {@code '{:W.Pe}'}, when the values span more than a factor 1000, exceed
 *     1e8, or (not integral) go below 1e-4;</li>
 * <li>fixed: {@code '{:.Pf}'}.</li>
 * </ul>
 * A forced {@link PrintOptions#sciMode()} replaces the choice but not the widths measured
 * for it, and does nothing when no value is finite and non-zero (PyTorch returns early).
 */
final class FloatFormatter implements ElementFormatter {

    private final float[] data;
    private final int precision;
    private boolean intMode = true;
    private boolean sciMode = false;
    private int width = 1;

    FloatFormatter(float[] data, StridedView view, Summary summary, PrintOptions options) {
        this.data = data;
        this.precision = options.precision();
        double[] values = nonZeroFinite(data, view, summary);
        if (values.length == 0) {
            return;
        }
        choose(values);
        measure(values);
        if (options.sciMode() != null) {
            sciMode = options.sciMode();
        }
    }

    private static double[] nonZeroFinite(float[] data, StridedView view, Summary summary) {
        DoubleStream.Builder out = DoubleStream.builder();
        summary.forEachShown(view, p -> {
            float v = data[p];
            if (Float.isFinite(v) && v != 0) {
                out.add(v);
            }
        });
        return out.build().toArray();
    }

    /** Sets intMode and sciMode from the magnitudes, in double as PyTorch does. */
    private void choose(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double v : values) {
            min = Math.min(min, Math.abs(v));
            max = Math.max(max, Math.abs(v));
            if (v != Math.ceil(v)) {
                intMode = false;
            }
        }
        boolean wide = max / min > 1000.0 || max > 1.0e8;
        sciMode = intMode ? wide : wide || min < 1.0e-4;
    }

    private void measure(double[] values) {
        for (double v : values) {
            int len;
            if (sciMode) {
                len = PyNumberFormat.sci(v, precision).length();
            } else if (intMode) {
                len = PyNumberFormat.integer(v).length() + 1; // room for the trailing "."
            } else {
                len = PyNumberFormat.fixed(v, precision).length();
            }
            width = Math.max(width, len);
        }
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public String format(int position) {
        double v = data[position];
        String s;
        if (sciMode) {
            s = PyNumberFormat.sci(v, precision);
        } else if (intMode) {
            s = PyNumberFormat.integer(v);
            if (Double.isFinite(v)) {
                s += ".";
            }
        } else {
            s = PyNumberFormat.fixed(v, precision);
        }
        return PyNumberFormat.padLeft(s, width);
    }
}
