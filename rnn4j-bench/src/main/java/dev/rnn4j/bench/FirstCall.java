package dev.rnn4j.bench;

import dev.rnn4j.cli.bench.Rnn4jPeer;
import dev.rnn4j.cli.bench.Timing;
import dev.rnn4j.cli.bench.Workload;
import dev.rnn4j.internal.kernel.Kernels;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * A fresh JVM's first calls of one workload against its steady state, the "first forward at most 3× steady
 * state" target: the module and its input are built (timed: a module large enough for the vector kernels waits
 * there for their warm-up), then the first {@value #FIRST_CALLS} calls are timed one by one (a W marks a call made
 * while the plain twins still serve and the vector kernels warm up), then the median of {@link MixedRun}'s loop.
 * Run it once per JVM: a second workload in the same JVM is not a first call.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp rnn4j-bench/target/rnn4j-bench.jar dev.rnn4j.bench.FirstCall lstm_small fwd</pre>
 */
public final class FirstCall {
    static final int FIRST_CALLS = 8;

    private FirstCall() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: FirstCall WORKLOAD fwd|fwd+bwd   (a workload such as lstm_small)");
            System.exit(2);
        }
        Workload w = Workload.named(args[0]);
        Workload.Mode mode = Workload.Mode.of(args[1]);
        long built = System.nanoTime();
        Supplier<Object> call = new Rnn4jPeer().prepare(w, mode);
        double buildMs = (System.nanoTime() - built) / 1e6;
        StringBuilder calls = new StringBuilder();
        double first = 0;
        for (int i = 0; i < FIRST_CALLS; i++) {
            boolean warming = Kernels.warmingUp();
            long t0 = System.nanoTime();
            call.get();
            double ms = (System.nanoTime() - t0) / 1e6;
            first = i == 0 ? ms : first;
            calls.append(String.format(Locale.ROOT, " %.1f%s", ms, warming ? "W" : ""));
        }
        double steady = Timing.medianMs(call, MixedRun.WARM_UP_SECONDS, MixedRun.TIMED_CALLS);
        System.out.printf(Locale.ROOT, "%s %s, JDK %s, %s: built in %.0f ms; first calls%s ms; steady %.3f ms; "
                + "first/steady %.1f%n", w.name(), mode.id, Runtime.version().feature(), MixedRun.heapSettings(),
                buildMs, calls, steady, first / steady);
    }
}
