package dev.rnn4j.format;

import java.util.Objects;

/**
 * The options of {@code torch.set_printoptions}: an immutable value, plus a process-wide
 * current value that {@link TensorFormat} uses, as PyTorch's global {@code PRINT_OPTS}.
 *
 * <p>{@code threshold} is a double so that the "full" profile can be infinite, as in PyTorch.
 * {@code sciMode} is {@code null} for "let the formatter choose".
 */
public final class PrintOptions {

    /** precision 4, threshold 1000, edgeitems 3, linewidth 80, sci_mode None. */
    public static final PrintOptions DEFAULT = new PrintOptions(4, 1000, 3, 80, null);

    private static volatile PrintOptions current = DEFAULT;

    private final int precision;
    private final double threshold;
    private final int edgeitems;
    private final int linewidth;
    private final Boolean sciMode;

    /** All five options; see the accessors. */
    public PrintOptions(int precision, double threshold, int edgeitems, int linewidth, Boolean sciMode) {
        if (precision < 0) {
            throw new IllegalArgumentException("precision must be >= 0, got " + precision);
        }
        // edgeitems 0 makes PyTorch's own summarisation fail for 2-d and up, so it is refused here.
        if (edgeitems < 1) {
            throw new IllegalArgumentException("edgeitems must be >= 1, got " + edgeitems);
        }
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold must be a number");
        }
        this.precision = precision;
        this.threshold = threshold;
        this.edgeitems = edgeitems;
        this.linewidth = linewidth;
        this.sciMode = sciMode;
    }

    /**
     * The options a {@code set_printoptions(profile=name)} call sets: "default", "short"
     * (precision 2, edgeitems 2) or "full" (no summarisation). sci_mode goes back to None.
     */
    public static PrintOptions profile(String name) {
        return switch (name) {
            case "default" -> DEFAULT;
            case "short" -> new PrintOptions(2, 1000, 2, 80, null);
            case "full" -> new PrintOptions(4, Double.POSITIVE_INFINITY, 3, 80, null);
            default -> throw new IllegalArgumentException("unknown print profile: " + name);
        };
    }

    /** The options in force. */
    public static PrintOptions current() {
        return current;
    }

    /** Makes {@code options} the options in force, as {@code torch.set_printoptions}. */
    public static void set(PrintOptions options) {
        current = Objects.requireNonNull(options);
    }

    /** Back to {@link #DEFAULT}. */
    public static void reset() {
        current = DEFAULT;
    }

    /** Digits after the point in fixed and scientific notation. */
    public int precision() {
        return precision;
    }

    /** Tensors with more elements than this are summarised. */
    public double threshold() {
        return threshold;
    }

    /** Items shown at each end of a summarised dimension. */
    public int edgeitems() {
        return edgeitems;
    }

    /** Characters per line used for wrapping elements and suffixes. */
    public int linewidth() {
        return linewidth;
    }

    /** True or false to force scientific notation on or off; null to let the formatter choose. */
    public Boolean sciMode() {
        return sciMode;
    }

    public PrintOptions withPrecision(int value) {
        return new PrintOptions(value, threshold, edgeitems, linewidth, sciMode);
    }

    public PrintOptions withThreshold(double value) {
        return new PrintOptions(precision, value, edgeitems, linewidth, sciMode);
    }

    public PrintOptions withEdgeitems(int value) {
        return new PrintOptions(precision, threshold, value, linewidth, sciMode);
    }

    public PrintOptions withLinewidth(int value) {
        return new PrintOptions(precision, threshold, edgeitems, value, sciMode);
    }

    public PrintOptions withSciMode(Boolean value) {
        return new PrintOptions(precision, threshold, edgeitems, linewidth, value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrintOptions p && precision == p.precision
                && Double.compare(threshold, p.threshold) == 0 && edgeitems == p.edgeitems
                && linewidth == p.linewidth && Objects.equals(sciMode, p.sciMode);
    }

    @Override
    public int hashCode() {
        return Objects.hash(precision, threshold, edgeitems, linewidth, sciMode);
    }

    @Override
    public String toString() {
        return "PrintOptions[precision=" + precision + ", threshold=" + threshold + ", edgeitems=" + edgeitems
                + ", linewidth=" + linewidth + ", sciMode=" + sciMode + "]";
    }
}
