package dev.rnn4j.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code main} of a peer's child JVM. {@code rnn4j bench --compare} starts it as
 * {@code java -cp PEER_DIR/* MAIN --threads T --warmup S --calls N --modes fwd,fwd+bwd}, writes the workloads to
 * its standard input (one {@link Workload#toJson} line each) and reads one {@link Result} line per workload and
 * mode from its standard output; anything else the library prints should go to standard error.
 */
public final class PeerMain {

    private PeerMain() {
    }

    public static void run(String[] args, Peer peer) throws IOException {
        int threads = 1;
        int calls = 20;
        double warmup = 2;
        List<Workload.Mode> modes = List.of(Workload.Mode.values());
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--calls" -> calls = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Double.parseDouble(args[i + 1]);
                case "--modes" -> modes = List.of(args[i + 1].split(",")).stream().map(Workload.Mode::of).toList();
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<Workload> workloads = new ArrayList<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (!line.isBlank()) {
                workloads.add(Workload.fromJson(line));
            }
        }
        // Libraries log to System.out; only result lines may reach the parent there.
        PrintStream results = System.out;
        System.setOut(System.err);
        peer.setThreads(threads);
        for (Workload w : workloads) {
            for (Workload.Mode mode : modes) {
                results.println(measure(peer, w, mode, threads, warmup, calls).toJson());
                results.flush();
            }
        }
    }

    /** One row: the median, or the reason there is none (a missing module, or a failure, as one line). */
    public static Result measure(Peer peer, Workload w, Workload.Mode mode, int threads, double warmup, int calls) {
        Double ms = null;
        String note = null;
        try {
            ms = Timing.medianMs(peer.prepare(w, mode), warmup, calls);
        } catch (UnsupportedOperationException e) {
            note = e.getMessage();
        } catch (RuntimeException | LinkageError e) {
            note = "failed: " + e.toString().replaceAll("\\s+", " ");
        }
        return new Result(peer.name(), peer.version(), threads, w.name(), mode.id, ms, note);
    }
}
