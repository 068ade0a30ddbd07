package dev.rnn4j.format;

import dev.rnn4j.golden.GoldenFile;
import java.util.Arrays;
import java.util.List;

/** Reads the settings tools/golden/printing.py writes for a case. */
final class GoldenCases {

    private GoldenCases() {
    }

    /** The case's print options, or the defaults when it names none. */
    static PrintOptions options(GoldenFile.Case c) {
        String line = c.settings().get("options");
        if (line == null) {
            return PrintOptions.DEFAULT;
        }
        PrintOptions o = PrintOptions.DEFAULT;
        for (String pair : line.split(" ")) {
            String[] kv = pair.split("=", 2);
            o = switch (kv[0]) {
                case "precision" -> o.withPrecision(Integer.parseInt(kv[1]));
                case "threshold" -> o.withThreshold(kv[1].equals("inf") ? Double.POSITIVE_INFINITY
                        : Double.parseDouble(kv[1]));
                case "edgeitems" -> o.withEdgeitems(Integer.parseInt(kv[1]));
                case "linewidth" -> o.withLinewidth(Integer.parseInt(kv[1]));
                case "sci_mode" -> o.withSciMode(kv[1].equals("None") ? null : Boolean.valueOf(kv[1].toLowerCase()));
                default -> throw new IllegalArgumentException("unknown option " + pair);
            };
        }
        return o;
    }

    /** The "suffixes" setting, split on " | "; empty when absent. */
    static List<String> suffixes(GoldenFile.Case c) {
        String line = c.settings().get("suffixes");
        return line == null ? List.of() : Arrays.asList(line.split(" \\| "));
    }

    /** A shape as the tensor lines spell it: 2x3, "scalar", 0x3. */
    static int[] shape(String s) {
        if (s.equals("scalar")) {
            return new int[0];
        }
        return Arrays.stream(s.split("x")).mapToInt(Integer::parseInt).toArray();
    }

    /** The "longs" setting; empty for an empty tensor. */
    static long[] longs(GoldenFile.Case c) {
        String line = c.settings().getOrDefault("longs", "").trim();
        return line.isEmpty() ? new long[0] : Arrays.stream(line.split(" ")).mapToLong(Long::parseLong).toArray();
    }
}
