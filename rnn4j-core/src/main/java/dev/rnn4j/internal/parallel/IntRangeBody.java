package dev.rnn4j.internal.parallel;

/** The body of a {@link Parallel#parallelFor}: handles indices [start, end). */
@FunctionalInterface
public interface IntRangeBody {
    void run(int start, int end);
}
