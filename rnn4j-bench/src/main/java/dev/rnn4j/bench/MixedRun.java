package dev.rnn4j.bench;

import dev.rnn4j.Torch;
import dev.rnn4j.cli.bench.Rnn4jPeer;
import dev.rnn4j.cli.bench.Timing;
import dev.rnn4j.cli.bench.Workload;
import dev.rnn4j.internal.kernel.Kernels;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/**
 * Every RecurrentBench case in one JVM, in order, as a user's process would run them: for each case and mode a
 * warm-up of two seconds, then the median of 20 timed calls. The JVM sees the earlier cases' profiles, so this
 * measures what a server hosting several models gets. Default threads unless given. {@code rnn4j bench --rows
 * tiny,medium,char,bilstm2_medium} runs the same rows with the same loop ({@link Timing}).
 *
 * <pre>java --add-modules jdk.incubator.vector -cp rnn4j-bench/target/rnn4j-bench.jar dev.rnn4j.bench.MixedRun [threads]</pre>
 */
public final class MixedRun {
    static final List<Workload> CASES = Workload.select("tiny,medium,char,bilstm2_medium");
    static final double WARM_UP_SECONDS = 2;
    static final int TIMED_CALLS = 20;

    private MixedRun() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : Torch.getNumThreads();
        Rnn4jPeer rnn4j = new Rnn4jPeer();
        rnn4j.setThreads(threads);
        System.out.printf("# JDK %s, %s, threads %d, %s%n", Runtime.version(), Kernels.describe(), threads,
                heapSettings());
        for (Workload w : CASES) {
            double infer = Timing.medianMs(rnn4j.prepare(w, Workload.Mode.FWD), WARM_UP_SECONDS, TIMED_CALLS);
            double train = Timing.medianMs(rnn4j.prepare(w, Workload.Mode.FWD_BWD), WARM_UP_SECONDS, TIMED_CALLS);
            System.out.printf(Locale.ROOT, "%s infer %.3f ms  train %.3f ms%n", w.name(), infer, train);
        }
    }

    /**
     * The heap the JVM started with and whether it uses transparent huge pages, e.g. "initial heap 380 MB, huge
     * pages true": where a page's first touch is slow (some VMs) rows that allocate into heap never touched run
     * slower, and {@code ./rnn4j} asks for huge pages where the kernel gives them on request, a bare {@code java}
     * does not.
     */
    static String heapSettings() {
        var hotspot = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
        return "initial heap " + (ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getInit() >> 20)
                + " MB, huge pages " + hotspot.getVMOption("UseTransparentHugePages").getValue();
    }
}
