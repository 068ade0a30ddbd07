package dev.rnn4j.io;

import dev.rnn4j.LongTensor;
import dev.rnn4j.Tensor;
import dev.rnn4j.format.PythonRepr;
import dev.rnn4j.nn.Parameter;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/** The Java twin of interchange.py's describe(): a loaded object as one line, and its tensors by path. */
final class Describe {

    private Describe() {
    }

    static String of(Object o) {
        if (o instanceof Parameter p) {
            return "parameter(float32," + Arrays.toString(p.shape().toArray()) + ")";
        }
        if (o instanceof Tensor t) {
            return "tensor(float32," + Arrays.toString(t.shape().toArray()) + ")";
        }
        if (o instanceof LongTensor t) {
            return "tensor(int64," + Arrays.toString(t.shape().toArray()) + ")";
        }
        if (o instanceof Map<?, ?> m) {
            StringJoiner j = new StringJoiner(", ", "{", "}");
            m.forEach((k, v) -> j.add(of(k) + ": " + of(v)));
            return j.toString();
        }
        if (o instanceof List<?> l) {
            StringJoiner j = new StringJoiner(", ", "[", "]");
            l.forEach(v -> j.add(of(v)));
            return j.toString();
        }
        if (o instanceof Set<?> s) {
            StringJoiner j = new StringJoiner(", ", "set(", ")");
            s.forEach(v -> j.add(of(v)));
            return j.toString();
        }
        if (o instanceof byte[] b) {
            return "bytes(" + HexFormat.of().formatHex(b) + ")";
        }
        if (o instanceof String s) {
            return "'" + s + "'";
        }
        if (o instanceof Double d) {
            return PythonRepr.floatRepr(d);
        }
        if (o instanceof Boolean b) {
            return PythonRepr.bool(b);
        }
        if (o == null) {
            return "None";
        }
        if (o instanceof Long || o instanceof BigInteger) {
            return o.toString();
        }
        throw new AssertionError("unexpected value of type " + o.getClass());
    }

    /** Every tensor (Tensor or LongTensor) in a nested object, by its path of keys joined with '/'. */
    static Map<String, Object> tensors(Object o) {
        Map<String, Object> out = new LinkedHashMap<>();
        collect(o, "", out);
        return out;
    }

    private static void collect(Object o, String path, Map<String, Object> out) {
        if (o instanceof Tensor || o instanceof LongTensor) {
            out.put(path, o);
        } else if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> collect(v, path.isEmpty() ? String.valueOf(k) : path + "/" + k, out));
        } else if (o instanceof List<?> l) {
            List<Object> items = new ArrayList<>(l);
            for (int i = 0; i < items.size(); i++) {
                collect(items.get(i), path.isEmpty() ? Integer.toString(i) : path + "/" + i, out);
            }
        }
    }
}
