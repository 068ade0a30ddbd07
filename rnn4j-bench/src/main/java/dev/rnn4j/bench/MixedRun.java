package dev.rnn4j.bench;

import dev.rnn4j.Torch;
import dev.rnn4j.internal.kernel.Kernels;

import java.util.Arrays;
import java.util.Locale;

/**
 * Every RecurrentBench case in one JVM, in order, as a user's process would run them: for each case and mode a
 * warm-up of two seconds, then the median of 20 timed calls. The JVM sees the earlier cases' profiles, so this
 * measures what a server hosting several models gets. Default threads unless given.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp rnn4j-bench/target/rnn4j-bench.jar dev.rnn4j.bench.MixedRun [threads]</pre>
 */
public final class MixedRun {
    static final String[] CASES = {"rnn_small", "lstm_small", "gru_small", "rnn_medium", "lstm_medium", "gru_medium",
            "rnn_char", "lstm_char", "gru_char", "bilstm2_medium"};
    static final double WARM_UP_SECONDS = 2;
    static final int TIMED_CALLS = 20;

    private MixedRun() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : Torch.getNumThreads();
        System.out.printf("# JDK %s, %s, threads %d%n", Runtime.version(), Kernels.describe(), threads);
        for (String name : CASES) {
            RecurrentBench b = new RecurrentBench();
            b.bench = name;
            b.threads = threads;
            b.setUp();
            System.out.printf(Locale.ROOT, "%s infer %.3f ms  train %.3f ms%n", name, median(b::infer), median(b::train));
        }
    }

    private static double median(Runnable call) {
        long end = System.nanoTime() + (long) (WARM_UP_SECONDS * 1e9);
        while (System.nanoTime() < end) {
            call.run();
        }
        double[] ms = new double[TIMED_CALLS];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            call.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return (ms[TIMED_CALLS / 2 - 1] + ms[TIMED_CALLS / 2]) / 2;
    }
}
