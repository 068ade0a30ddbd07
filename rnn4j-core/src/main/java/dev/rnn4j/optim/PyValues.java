package dev.rnn4j.optim;

import dev.rnn4j.format.PythonRepr;

import java.util.List;
import java.util.stream.Collectors;

/** Python's {@code str} of the option values an optimizer prints: 0.001, 0, True, None, (0.9, 0.999). */
final class PyValues {

    private PyValues() {
    }

    static String str(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return PythonRepr.bool(b);
        }
        if (v instanceof Double || v instanceof Float) {
            return PythonRepr.floatRepr(((Number) v).doubleValue());
        }
        if (v instanceof List<?> list) {
            return list.stream().map(PyValues::str).collect(Collectors.joining(", ", "(", list.size() == 1 ? ",)" : ")"));
        }
        return v.toString();
    }
}
