package dev.rnn4j.cli;

import dev.rnn4j.Torch;
import dev.rnn4j.cli.bench.BenchTable;
import dev.rnn4j.cli.bench.ExternalPeer;
import dev.rnn4j.cli.bench.PeerMain;
import dev.rnn4j.cli.bench.Result;
import dev.rnn4j.cli.bench.Rnn4jPeer;
import dev.rnn4j.cli.bench.Workload;
import dev.rnn4j.internal.kernel.Kernels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code rnn4j bench}: the speed table of Workload's workloads, and with --compare the same rows in other libraries. */
@Command(name = "bench",
        description = {"Time rnn4j's recurrent modules on the benchmark workloads and print a table: per workload and "
                + "mode the median ms of --calls calls after --warmup seconds, and the GEMM GFLOP/s.",
                "Modes: fwd is eval() and a forward under no-grad; fwd+bwd is forward, output.sum().backward(), "
                        + "zeroGrad(). --compare runs the same rows in each peer found, each in its own process and "
                        + "its best thread counts, and adds ratio = fastest peer's ms / rnn4j's ms (above 1: rnn4j "
                        + "is faster). Peers: PyTorch in Python ($TORCH_PYTHON, else python3 if it imports torch); "
                        + "the JVM peers that `mvn -Ppeers package` builds (see rnn4j-bench/README.md)."})
final class BenchCommand extends CliCommand {

    @Spec
    CommandSpec spec;

    @Option(names = "--rows", paramLabel = "LIST", defaultValue = "default",
            description = "Workloads, comma-separated: names (lstm_small), shapes (seed, small, large, tiny, medium, "
                    + "char), nets (rnncell, rnn, lstm, gru), default (seed, small, large) or all.")
    String rows;

    @Option(names = "--modes", paramLabel = "LIST", defaultValue = "fwd,fwd+bwd", description = "fwd, fwd+bwd or both.")
    String modes;

    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "2", converter = OptionTypes.NonNegativeNumber.class,
            description = "Warm-up time per row before the timed calls.")
    double warmup;

    @Option(names = "--calls", paramLabel = "N", defaultValue = "20", converter = OptionTypes.Calls.class,
            description = "Timed calls per row; the table shows their median.")
    int calls;

    @Option(names = "--threads", paramLabel = "N", converter = OptionTypes.Threads.class,
            description = "rnn4j's threads (default: every core).")
    Integer threads;

    @Option(names = "--compare", description = "Also run the peers and print their times and the ratio.")
    boolean compare;

    @Option(names = "--peers", paramLabel = "LIST", defaultValue = "python,bytedeco,djl,dl4j",
            description = "With --compare: which peers (python, bytedeco, djl, dl4j).")
    String peers;

    @Option(names = "--peer-threads", paramLabel = "LIST",
            description = "With --compare: the thread counts every peer runs, e.g. 1,2 (default: each peer's best "
                    + "known settings; the table keeps the fastest).")
    String peerThreads;

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<Workload> workloads = parse("--rows", () -> Workload.select(rows));
        List<Workload.Mode> modeList = parse("--modes", () -> List.of(modes.split(",", -1)).stream()
                .map(String::strip).distinct().map(Workload.Mode::of).toList());
        Set<String> peerSet = parse("--peers", () -> names(peers));
        List<Integer> peerThreadList = peerThreads == null ? null : parse("--peer-threads", () -> counts(peerThreads));
        if (threads != null) {
            Torch.setNumThreads(threads);
        }
        // steady state is what is measured: the first row's clocked warm-up would otherwise span the plain twins'
        // hand-over to the vector kernels (rnn_small fwd: a median of 23-28 ms after 2 s, 5.3 ms after 6)
        Kernels.awaitWarmUp();
        out().printf(Locale.ROOT, "# rnn4j bench: JDK %s; %s; vector width %s; threads %d; %s s warm-up, median of %d "
                        + "calls%n", Runtime.version(), Kernels.describe(), vectorWidth(), Torch.getNumThreads(),
                warmup == Math.rint(warmup) ? Long.toString((long) warmup) : Double.toString(warmup), calls);
        Rnn4jPeer rnn4j = new Rnn4jPeer();
        List<Result> own = new ArrayList<>();
        for (Workload w : workloads) {
            for (Workload.Mode mode : modeList) {
                Result r = PeerMain.measure(rnn4j, w, mode, Torch.getNumThreads(), warmup, calls);
                progress(r);
                own.add(r);
            }
        }
        List<String> notes = new ArrayList<>();
        List<String> peerNames = new ArrayList<>();
        List<Result> peerResults = new ArrayList<>();
        if (compare) {
            Path root = checkout();
            Path peersDir = System.getenv("RNN4J_PEERS") != null ? Path.of(System.getenv("RNN4J_PEERS"))
                    : root.resolve("rnn4j-bench/target/peers");
            for (ExternalPeer peer : ExternalPeer.find(root, peersDir, peerSet, notes)) {
                peerNames.add(peer.name());
                peerResults.addAll(peer.run(workloads, modeList,
                        peerThreadList != null ? peerThreadList : peer.threads(), warmup, calls, notes, this::progress));
            }
        }
        BenchTable.print(out(), workloads, modeList, own, peerNames, peerResults);
        List<Result> all = new ArrayList<>(own);
        all.addAll(peerResults);
        for (String note : BenchTable.notes(all)) {
            if (!note.startsWith("rnn4j: rnn4j on JDK")) {
                out().println("# " + note);
            }
        }
        notes.forEach(n -> out().println("# " + n));
        return 0;
    }

    /** One line per measured row on standard error while the table is being made, which comes at the end. */
    private void progress(Result r) {
        spec.commandLine().getErr().printf(Locale.ROOT, "  %s @%d %s %s: %s%n", r.peer(), r.threads(), r.row(), r.mode(),
                r.measured() ? BenchTable.fixed(r.ms()) + " ms" : r.note());
    }

    private interface Parse<T> {
        T get();
    }

    /** An option's value parsed, or a usage error naming the option. */
    private <T> T parse(String option, Parse<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException | TypeConversionException e) {
            throw new ParameterException(spec.commandLine(), "invalid value for option '" + option + "': "
                    + e.getMessage());
        }
    }

    private static Set<String> names(String list) {
        Set<String> set = new LinkedHashSet<>();
        for (String item : list.split(",", -1)) {
            String name = item.strip();
            if (!ExternalPeer.NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown peer '" + item + "' (" + String.join(", ", ExternalPeer.NAMES)
                        + ")");
            }
            set.add(name);
        }
        return set;
    }

    private static List<Integer> counts(String list) {
        List<Integer> counts = new ArrayList<>();
        for (String item : list.split(",", -1)) {
            counts.add(new OptionTypes.Threads().convert(item.strip()));
        }
        return counts;
    }

    /** The checkout this command runs from: the jar is rnn4j-cli/target/rnn4j.jar, the classes rnn4j-cli/target/classes. */
    private static Path checkout() {
        try {
            Path code = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.toAbsolutePath().getParent().getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Vector API's preferred float vector, e.g. "512 bits (16 floats)", or why there is none. */
    static String vectorWidth() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return "none (no jdk.incubator.vector)";
        }
        try {
            Object species = Class.forName("jdk.incubator.vector.FloatVector").getField("SPECIES_PREFERRED").get(null);
            Class<?> type = Class.forName("jdk.incubator.vector.VectorSpecies");
            return type.getMethod("vectorBitSize").invoke(species) + " bits ("
                    + type.getMethod("length").invoke(species) + " floats)";
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "unknown (" + e + ")";
        }
    }
}
