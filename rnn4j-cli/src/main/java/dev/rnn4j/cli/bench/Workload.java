package dev.rnn4j.cli.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One benchmark workload: a recurrent module and its input (L, N, I), named {@code <net>_<shape>}. The table
 * {@link #ALL} is the only list of them: {@code rnn4j bench}, its peers (which receive each workload as a JSON line,
 * {@link #toJson}), {@code MixedRun} and {@code RecurrentBench} all read it.
 *
 * <p>Each workload runs in two {@link Mode}s: {@code fwd} ({@code eval()}, forward under no-grad) and {@code fwd+bwd}
 * (train mode, forward, {@code output.sum().backward()}, {@code zeroGrad()}; the input needs no grad). The
 * {@code rnncell} workload is the seed notebook's loop: {@code RNNCell(4, 2)} stepped by hand over a (3, 1, 4)
 * input from a zero state; its fwd+bwd backpropagates the sum of every step's hidden state.
 *
 * <p>GEMM flops ({@link #gemmFlops}), summed over layers and directions, with G gate blocks (RNN 1, GRU 3, LSTM 4),
 * I_l the layer's input width (I for the first layer, H·directions after):
 * <pre>
 *   fwd     = Σ_layers directions · (2·L·N·I_l·G·H  [input projection]  +  2·L·N·H·G·H  [recurrence])
 *   fwd+bwd = 3 · fwd   (the backward pass does two GEMMs of the forward's size per GEMM: input/state gradient
 *                        and weight gradient)
 * </pre>
 * Gate math, bias adds and the sum are left out: the figure is the GEMM work, as GFLOP/s rates are usually quoted.
 */
public record Workload(String name, Net net, String shape, int seqLen, int batch, int inputSize, int hidden,
                       int layers, boolean bidirectional) {

    /** The module kind, with its number of gate blocks per hidden unit. */
    public enum Net {
        RNNCELL(1), RNN(1), LSTM(4), GRU(3);

        public final int gates;

        Net(int gates) {
            this.gates = gates;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What one timed call does. */
    public enum Mode {
        FWD("fwd"), FWD_BWD("fwd+bwd");

        public final String id;

        Mode(String id) {
            this.id = id;
        }

        public static Mode of(String id) {
            for (Mode m : values()) {
                if (m.id.equals(id)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown mode '" + id + "' (fwd or fwd+bwd)");
        }
    }

    /** The shapes: L, N, I, H, layers, bidirectional. */
    private record Shape(String name, int seqLen, int batch, int inputSize, int hidden, int layers, boolean bi) {
    }

    /** The table: the seed notebook's sizes, then a small and a large model. */
    private static final Shape SEED = new Shape("seed", 3, 1, 4, 2, 2, false);
    private static final Shape SMALL = new Shape("small", 100, 32, 64, 256, 1, false);
    private static final Shape LARGE = new Shape("large", 50, 64, 256, 1024, 1, false);
    /** RecurrentBench's older cases, for MixedRun and the JMH runs (tiny was called "small" before). */
    private static final Shape TINY = new Shape("tiny", 32, 1, 64, 64, 1, false);
    private static final Shape MEDIUM = new Shape("medium", 50, 32, 256, 256, 1, false);
    private static final Shape CHAR = new Shape("char", 100, 64, 65, 512, 1, false);

    /** Every workload, in the order tables print them; {@link #DEFAULT} the ones {@code rnn4j bench} runs unasked. */
    public static final List<Workload> ALL;
    public static final List<Workload> DEFAULT;

    static {
        List<Workload> all = new ArrayList<>();
        all.add(of(Net.RNNCELL, new Shape("seed", 3, 1, 4, 2, 1, false)));
        for (Shape s : List.of(SEED, SMALL, LARGE, TINY, MEDIUM, CHAR)) {
            for (Net n : List.of(Net.RNN, Net.LSTM, Net.GRU)) {
                all.add(of(n, s));
            }
        }
        all.add(new Workload("bilstm2_medium", Net.LSTM, "medium", 50, 32, 128, 128, 2, true));
        ALL = List.copyOf(all);
        DEFAULT = ALL.stream().filter(w -> Set.of("seed", "small", "large").contains(w.shape())).toList();
    }

    private static Workload of(Net net, Shape s) {
        return new Workload(net.id() + "_" + s.name(), net, s.name(), s.seqLen(), s.batch(), s.inputSize(), s.hidden(),
                s.layers(), s.bi());
    }

    public int directions() {
        return bidirectional ? 2 : 1;
    }

    /** The GEMM flops of one call in this mode (the formula is in the class comment). */
    public double gemmFlops(Mode mode) {
        double fwd = 0;
        for (int layer = 0; layer < layers; layer++) {
            int in = layer == 0 ? inputSize : hidden * directions();
            fwd += directions() * 2.0 * seqLen * batch * (in + hidden) * net.gates * hidden;
        }
        return mode == Mode.FWD ? fwd : 3 * fwd;
    }

    /** The workload called name, e.g. "lstm_small". */
    public static Workload named(String name) {
        for (Workload w : ALL) {
            if (w.name.equals(name)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + name + "'");
    }

    /**
     * The workloads a comma-separated list picks, in table order: each item is a workload's name ("lstm_small"),
     * a shape ("seed", "small", "large", "tiny", "medium", "char"), a net ("rnncell", "rnn", "lstm", "gru"), or
     * "default" or "all"; the union of what the items pick.
     */
    public static List<Workload> select(String list) {
        Set<Workload> picked = new LinkedHashSet<>();
        for (String raw : list.split(",", -1)) {
            String item = raw.strip().toLowerCase(Locale.ROOT);
            List<Workload> hits = switch (item) {
                case "all" -> ALL;
                case "default" -> DEFAULT;
                default -> ALL.stream().filter(w -> w.name.equals(item) || w.shape.equals(item)
                        || w.net.id().equals(item)).toList();
            };
            if (hits.isEmpty()) {
                throw new IllegalArgumentException("unknown workload '" + raw + "' (a name such as lstm_small, a shape: "
                        + "seed, small, large, tiny, medium, char; a net: rnncell, rnn, lstm, gru; default; all)");
            }
            picked.addAll(hits);
        }
        return ALL.stream().filter(picked::contains).toList();
    }

    /** This workload as one JSON object, the form peers read on their standard input. */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("net", net.id());
        m.put("seq", seqLen);
        m.put("batch", batch);
        m.put("input", inputSize);
        m.put("hidden", hidden);
        m.put("layers", layers);
        m.put("bidirectional", bidirectional);
        return JsonLine.write(m);
    }

    /** The workload a peer read as {@link #toJson}: looked up by name, so both sides use this table's sizes. */
    public static Workload fromJson(String line) {
        return named((String) JsonLine.parse(line).get("name"));
    }
}
