package dev.rnn4j.bench;

import dev.rnn4j.cli.bench.Rnn4jPeer;
import dev.rnn4j.cli.bench.Workload;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Bytes allocated per call in steady state, by every thread of the JVM (the caller and the worker pool), for each
 * workload and mode: the "no per-step allocation beyond its outputs" measured where it is spent. Each row
 * runs {@value #WARM_CALLS} calls first, then counts {@value #COUNTED_CALLS}.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp rnn4j-bench/target/rnn4j-bench.jar dev.rnn4j.bench.AllocPerCall small,bilstm2_medium</pre>
 */
public final class AllocPerCall {
    static final int WARM_CALLS = 200;
    static final int COUNTED_CALLS = 20;

    private AllocPerCall() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: AllocPerCall ROWS   (as rnn4j bench --rows: lstm_small, small, all, …)");
            System.exit(2);
        }
        Rnn4jPeer rnn4j = new Rnn4jPeer();
        for (Workload w : Workload.select(args[0])) {
            for (Workload.Mode mode : Workload.Mode.values()) {
                Supplier<Object> call = rnn4j.prepare(w, mode);
                for (int i = 0; i < WARM_CALLS; i++) {
                    call.get();
                }
                long before = allocatedBytes();
                for (int i = 0; i < COUNTED_CALLS; i++) {
                    call.get();
                }
                double mb = (allocatedBytes() - before) / (double) COUNTED_CALLS / 1e6;
                System.out.printf(Locale.ROOT, "%s %s %.2f MB per call%n", w.name(), mode.id, mb);
            }
        }
    }

    /** What the live threads allocated so far (the worker pool's threads live as long as the JVM). */
    private static long allocatedBytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long total = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            total += Math.max(0, bytes);
        }
        return total;
    }
}
