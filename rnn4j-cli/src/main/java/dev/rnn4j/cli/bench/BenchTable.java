package dev.rnn4j.cli.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The table {@code rnn4j bench} prints, a Markdown table: per workload and mode, rnn4j's median ms and GEMM GFLOP/s,
 * each peer's best median (over its thread counts, the count after the "@"), and the ratio of the fastest peer's time
 * to rnn4j's: above 1, rnn4j is faster.
 */
public final class BenchTable {

    private BenchTable() {
    }

    public static void print(PrintStream out, List<Workload> workloads, List<Workload.Mode> modes,
                             List<Result> rnn4j, List<String> peers, List<Result> peerResults) {
        List<String> head = new ArrayList<>(List.of("workload", "mode", "rnn4j ms", "GFLOP/s"));
        peers.forEach(p -> head.add(p + " ms"));
        if (!peers.isEmpty()) {
            head.add("ratio");
        }
        List<List<String>> rows = new ArrayList<>();
        for (Workload w : workloads) {
            for (Workload.Mode mode : modes) {
                Optional<Result> own = best(rnn4j, "rnn4j", w, mode);
                List<String> row = new ArrayList<>(List.of(w.name(), mode.id, cell(own, rnn4j, "rnn4j", w, mode, false),
                        own.map(r -> fixed(w.gemmFlops(mode) / (r.ms() * 1e6))).orElse("–")));
                Result fastest = null;
                for (String p : peers) {
                    Optional<Result> b = best(peerResults, p, w, mode);
                    row.add(cell(b, peerResults, p, w, mode, true));
                    if (b.isPresent() && (fastest == null || b.get().ms() < fastest.ms())) {
                        fastest = b.get();
                    }
                }
                if (!peers.isEmpty()) {
                    row.add(fastest == null || own.isEmpty() ? "–"
                            : String.format(Locale.ROOT, "%.2f (%s)", fastest.ms() / own.get().ms(), fastest.peer()));
                }
                rows.add(row);
            }
        }
        printAligned(out, head, rows);
    }

    /** The fastest measured result of one side for one row, over its thread counts. */
    static Optional<Result> best(List<Result> results, String peer, Workload w, Workload.Mode mode) {
        return results.stream().filter(r -> r.peer().equals(peer) && r.row().equals(w.name())
                && r.mode().equals(mode.id) && r.measured()).min(Comparator.comparingDouble(Result::ms));
    }

    private static String cell(Optional<Result> best, List<Result> all, String peer, Workload w, Workload.Mode mode,
                               boolean showThreads) {
        if (best.isPresent()) {
            return fixed(best.get().ms()) + (showThreads ? " @" + best.get().threads() : "");
        }
        boolean unsupported = all.stream().anyMatch(r -> r.peer().equals(peer) && r.row().equals(w.name())
                && r.mode().equals(mode.id) && r.note() != null && !r.note().startsWith("failed"));
        return unsupported ? "n/a" : all.stream().anyMatch(r -> r.peer().equals(peer)) ? "failed" : "–";
    }

    /** Four significant digits at most: 12345, 123.4, 1.234, 0.0123, and 2.1e-05 below 0.001. */
    public static String fixed(double v) {
        if (v >= 1000) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (v < 0.001) {
            return String.format(Locale.ROOT, "%.1e", v);
        }
        int decimals = v >= 100 ? 1 : v >= 10 ? 2 : v >= 0.1 ? 3 : 4;
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** The notes of the peers' results: each library's version, and why a row has no figure. */
    public static List<String> notes(List<Result> results) {
        Map<String, String> lines = new LinkedHashMap<>();
        for (Result r : results) {
            lines.putIfAbsent(r.peer() + " version", r.peer() + ": " + r.version());
            if (r.note() != null) {
                lines.putIfAbsent(r.peer() + r.note(), r.peer() + ": " + r.row() + " " + r.mode() + ": " + r.note());
            }
        }
        return List.copyOf(lines.values());
    }

    private static void printAligned(PrintStream out, List<String> head, List<List<String>> rows) {
        int[] width = new int[head.size()];
        for (List<String> row : concat(head, rows)) {
            for (int i = 0; i < row.size(); i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        StringBuilder rule = new StringBuilder("|");
        for (int i = 0; i < width.length; i++) {
            rule.append(i < 2 ? "-".repeat(width[i] + 1) + "-|" : "-".repeat(width[i] + 1) + ":|");
        }
        out.println(line(head, width));
        out.println(rule);
        rows.forEach(r -> out.println(line(r, width)));
    }

    private static List<List<String>> concat(List<String> head, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>(rows);
        all.add(head);
        return all;
    }

    private static String line(List<String> cells, int[] width) {
        StringBuilder b = new StringBuilder("|");
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            String pad = " ".repeat(width[i] - c.length());
            b.append(' ').append(i < 2 ? c + pad : pad + c).append(" |");
        }
        return b.toString();
    }
}
