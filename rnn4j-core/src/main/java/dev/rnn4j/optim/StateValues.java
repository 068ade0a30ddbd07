package dev.rnn4j.optim;

import java.util.List;
import java.util.Map;

/**
 * Typed reads from a scheduler's state dict: each returns the saved value, or {@code current}
 * when the key is absent, and fails with the key's name when the value has the wrong type.
 */
final class StateValues {

    private final Map<String, ?> state;

    StateValues(Map<String, ?> state) {
        this.state = state;
    }

    int integer(String key, int current) {
        Object v = state.containsKey(key) ? state.get(key) : current;
        if (v instanceof Integer || v instanceof Long) {
            return Math.toIntExact(((Number) v).longValue());
        }
        throw wrong(key, "an integer", v);
    }

    double number(String key, double current) {
        Object v = state.containsKey(key) ? state.get(key) : current;
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw wrong(key, "a number", v);
    }

    boolean bool(String key, boolean current) {
        Object v = state.containsKey(key) ? state.get(key) : current;
        if (v instanceof Boolean b) {
            return b;
        }
        throw wrong(key, "a boolean", v);
    }

    String string(String key, String current) {
        Object v = state.containsKey(key) ? state.get(key) : current;
        if (v instanceof String s) {
            return s;
        }
        throw wrong(key, "a string", v);
    }

    List<Double> numbers(String key, List<Double> current) {
        if (!state.containsKey(key)) {
            return current;
        }
        return numbersAsSaved(key, null).stream().map(x -> ((Number) x).doubleValue()).toList();
    }

    /** A list of numbers, each kept as saved (an int stays an Integer). */
    List<Object> numbersAsSaved(String key, List<Object> current) {
        if (!state.containsKey(key)) {
            return current;
        }
        Object v = state.get(key);
        if (v instanceof List<?> list && list.stream().allMatch(x -> x instanceof Number)) {
            return List.copyOf(list);
        }
        throw wrong(key, "a list of numbers", v);
    }

    Object raw(String key, Object current) {
        return state.containsKey(key) ? state.get(key) : current;
    }

    static IllegalArgumentException wrong(String key, String what, Object v) {
        return new IllegalArgumentException("scheduler state '" + key + "' must be " + what + ", got " + v);
    }
}
