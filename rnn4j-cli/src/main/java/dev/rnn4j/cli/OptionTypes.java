package dev.rnn4j.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The option value types the commands share, named by what they mean ({@code converter = OptionTypes.Epochs.class}).
 * Each parses strictly and says what it expected: the message becomes the one error line after
 * "invalid value for option '--x': ". picocli makes converters from their class, so a range is a class.
 */
final class OptionTypes {

    private OptionTypes() {
    }

    /** Any integer a Java long holds: decimal only (picocli's own Long would read "010" as octal 8). */
    static final class Seed implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            return integerIn(text, Long.MIN_VALUE, Long.MAX_VALUE);
        }
    }

    /** A decimal int in [min, max]; a subclass per range. */
    abstract static class IntIn implements ITypeConverter<Integer> {
        private final int min;
        private final int max;

        IntIn(int min, int max) {
            this.min = min;
            this.max = max;
        }

        @Override
        public Integer convert(String text) {
            return (int) integerIn(text, min, max);
        }
    }

    static final class PositiveInt extends IntIn {
        PositiveInt() {
            super(1, Integer.MAX_VALUE);
        }
    }

    /** A layer size, a window length, a batch: enough for any model this machine can hold, and no typo's worth. */
    static final class Size extends IntIn {
        Size() {
            super(1, 1 << 20);
        }
    }

    /** A count of steps or characters: up to a billion. */
    static final class Count extends IntIn {
        Count() {
            super(0, 1_000_000_000);
        }
    }

    /** Passes over a training set: the ceiling catches a typo before it turns into days of training. */
    static final class Epochs extends IntIn {
        Epochs() {
            super(1, 100_000);
        }
    }

    /** Timed calls of a benchmark row: one at least, a million at most. */
    static final class Calls extends IntIn {
        Calls() {
            super(1, 1_000_000);
        }
    }

    /** Threads for {@code Torch.setNumThreads}, which takes any positive count; more than 1024 is a typo. */
    static final class Threads extends IntIn {
        Threads() {
            super(1, 1024);
        }
    }

    /** A decimal number in an interval; a subclass per interval. */
    abstract static class NumberIn implements ITypeConverter<Double> {
        private final double min;
        private final boolean minIncluded;
        private final double max;
        private final String interval;

        NumberIn(double min, boolean minIncluded, double max, String interval) {
            this.min = min;
            this.minIncluded = minIncluded;
            this.max = max;
            this.interval = interval;
        }

        @Override
        public Double convert(String text) {
            double v;
            try {
                v = Double.parseDouble(text.strip());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + text + "' is not a number");
            }
            if (!(minIncluded ? v >= min : v > min) || !(v < max)) {   // NaN fails both
                throw new TypeConversionException(text + " is not in " + interval);
            }
            return v;
        }
    }

    /** A learning rate, a temperature: any finite number above zero. */
    static final class PositiveNumber extends NumberIn {
        PositiveNumber() {
            super(0, false, Double.POSITIVE_INFINITY, "(0, ∞)");
        }
    }

    /** A gradient-norm clip: zero (none) or more. */
    static final class NonNegativeNumber extends NumberIn {
        NonNegativeNumber() {
            super(0, true, Double.POSITIVE_INFINITY, "[0, ∞)");
        }
    }

    /** A dropout probability below 1 (1 would drop everything). */
    static final class Dropout extends NumberIn {
        Dropout() {
            super(0, true, 1, "[0, 1)");
        }
    }

    /** A file or directory that exists now, so a command fails before it starts work, not after. */
    static final class ExistingPath implements ITypeConverter<Path> {
        @Override
        public Path convert(String text) {
            Path path;
            try {
                path = Path.of(text);
            } catch (InvalidPathException e) {
                throw new TypeConversionException("'" + text + "' is not a path");
            }
            if (!Files.exists(path)) {
                throw new TypeConversionException("no such file or directory: " + text);
            }
            return path;
        }
    }

    /** The text as a decimal integer in [min, max]; accepts what Long.parseLong accepts (a sign, then digits). */
    static long integerIn(String text, long min, long max) {
        BigInteger value;
        try {
            value = new BigInteger(text);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is not an integer");
        }
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new TypeConversionException(text + " is not in " + min + ".." + max);
        }
        return value.longValueExact();
    }
}
