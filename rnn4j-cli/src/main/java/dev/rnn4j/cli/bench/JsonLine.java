package dev.rnn4j.cli.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one JSON the benchmark protocol needs: a flat object on one line, its values strings (without escapes other
 * than \" and \\), numbers, booleans or null. Peers read workloads and write results in it; Python's json.dumps
 * writes the same.
 */
public final class JsonLine {
    private static final Pattern PAIR = Pattern.compile(
            "\\s*\"([^\"]+)\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|-?[0-9][0-9.eE+-]*|true|false|null|NaN|Infinity)\\s*(,|$)");

    private JsonLine() {
    }

    public static String write(Map<String, ?> object) {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, ?> e : object.entrySet()) {
            if (b.length() > 1) {
                b.append(", ");
            }
            b.append('"').append(e.getKey()).append("\": ");
            Object v = e.getValue();
            if (v instanceof String s) {
                b.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else if (v instanceof Double d) {
                b.append(d.isNaN() || d.isInfinite() ? "null" : String.format(Locale.ROOT, "%.6g", d));
            } else {
                b.append(v);
            }
        }
        return b.append('}').toString();
    }

    /** The object on this line: strings, Double numbers, Booleans, nulls. Not an object: IllegalArgumentException. */
    public static Map<String, Object> parse(String line) {
        String body = line.strip();
        if (!body.startsWith("{") || !body.endsWith("}")) {
            throw new IllegalArgumentException("not a JSON object: " + line);
        }
        body = body.substring(1, body.length() - 1);
        Map<String, Object> m = new LinkedHashMap<>();
        Matcher matcher = PAIR.matcher(body);
        int at = 0;
        while (at < body.length() && !body.substring(at).isBlank()) {
            if (!matcher.find(at) || matcher.start() != at) {
                throw new IllegalArgumentException("not a flat JSON object: " + line);
            }
            String raw = matcher.group(2);
            Object value = matcher.group(3) != null ? matcher.group(3).replaceAll("\\\\(.)", "$1")
                    : switch (raw) {
                        case "true", "false" -> Boolean.valueOf(raw);
                        case "null", "NaN", "Infinity" -> null;
                        default -> Double.valueOf(raw);
                    };
            m.put(matcher.group(1), value);
            at = matcher.end();
        }
        return m;
    }
}
