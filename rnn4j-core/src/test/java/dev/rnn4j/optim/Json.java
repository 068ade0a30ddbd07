package dev.rnn4j.optim;

import dev.rnn4j.format.PythonRepr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The little JSON the golden files hold: reads the option values Python's json.dumps wrote
 * (numbers, booleans, strings, null, flat lists) and writes Java values as json.dumps would,
 * so that a state dict's structure compares as text with PyTorch's.
 */
final class Json {

    private Json() {
    }

    /** A scalar or flat list: 3 → Integer, 0.5 → Double, true, "min", null, [0.9, 0.99] → List. */
    static Object value(String s) {
        s = s.strip();
        if (s.startsWith("[")) {
            String inner = s.substring(1, s.length() - 1).strip();
            List<Object> out = new ArrayList<>();
            if (!inner.isEmpty()) {
                for (String part : inner.split(",")) {
                    out.add(value(part));
                }
            }
            return out;
        }
        return switch (s) {
            case "true" -> true;
            case "false" -> false;
            case "null" -> null;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> s.startsWith("\"") ? s.substring(1, s.length() - 1)
                    : s.matches("-?\\d+") ? (Object) Integer.parseInt(s) : (Object) Double.parseDouble(s);
        };
    }

    /** json.dumps: maps and lists with ", " and ": ", floats as Python's repr, int stays int. */
    static String write(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> "\"" + e.getKey() + "\": " + write(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (v instanceof List<?> list) {
            return list.stream().map(Json::write).collect(Collectors.joining(", ", "[", "]"));
        }
        if (v instanceof String s) {
            return "\"" + s + "\"";
        }
        if (v instanceof Double d) {
            return Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity")
                    : Double.isNaN(d) ? "NaN" : PythonRepr.floatRepr(d);
        }
        return v.toString();
    }
}
