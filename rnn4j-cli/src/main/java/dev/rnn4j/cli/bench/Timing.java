package dev.rnn4j.cli.bench;

import java.util.Arrays;
import java.util.function.Supplier;

/** The one timing loop of every JVM side: a warm-up by the clock, then the median of a number of timed calls. */
public final class Timing {
    /** The last call's result, kept where the JIT cannot prove it unused. */
    private static volatile Object sink;

    private Timing() {
    }

    /** Calls {@code call} for {@code warmupSeconds} (not at all for 0), then times {@code calls} calls: their median, ms. */
    public static double medianMs(Supplier<Object> call, double warmupSeconds, int calls) {
        long end = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (warmupSeconds > 0 && System.nanoTime() < end) {
            sink = call.get();
        }
        double[] ms = new double[calls];
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            sink = call.get();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return calls % 2 == 1 ? ms[calls / 2] : (ms[calls / 2 - 1] + ms[calls / 2]) / 2;
    }
}
