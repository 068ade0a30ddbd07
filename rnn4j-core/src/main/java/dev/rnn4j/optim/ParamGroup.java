package dev.rnn4j.optim;

import dev.rnn4j.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters that share optimizer settings, as one of PyTorch's {@code param_groups} dicts:
 * the tensors plus named options ({@code "lr"}, {@code "momentum"}, {@code "betas"}, …) under
 * PyTorch's keys. Options a group does not set come from the optimizer's defaults; schedulers
 * change {@code "lr"} (and {@code "momentum"} or {@code "betas"}) here between steps.
 *
 * <pre>{@code
 * var opt = SGD.builder(ParamGroup.of(encoder.parameters()),
 *                       ParamGroup.of(head.parameters()).set("lr", 0.01))
 *         .lr(0.1).momentum(0.9).build();
 * }</pre>
 *
 * <p>Values are what Python would hold: {@link Double} or {@link Integer} for numbers,
 * {@link Boolean}, {@code null} for None, a {@code List<Double>} for a tuple such as betas.
 */
public final class ParamGroup {

    private final List<Tensor> params;
    private final Map<String, Object> options = new LinkedHashMap<>();

    private ParamGroup(List<Tensor> params) {
        this.params = params;
    }

    /** A group of these parameters; a single tensor (itself iterable over its rows) counts as one parameter, as in PyTorch. */
    public static ParamGroup of(Iterable<? extends Tensor> params) {
        if (params instanceof Tensor t) {
            return new ParamGroup(List.of(t));
        }
        List<Tensor> list = new ArrayList<>();
        params.forEach(list::add);
        return new ParamGroup(Collections.unmodifiableList(list));
    }

    public static ParamGroup of(Tensor... params) {
        return new ParamGroup(List.of(params));
    }

    /** The same tensors with a copy of these options; used by an optimizer to own its groups. */
    ParamGroup copy() {
        ParamGroup g = new ParamGroup(params);
        g.options.putAll(options);
        return g;
    }

    public List<Tensor> params() {
        return params;
    }

    /** The options in PyTorch's key order (the group's own first, then the defaults), read-only. */
    public Map<String, Object> options() {
        return Collections.unmodifiableMap(options);
    }

    /** Sets an option, as {@code group[key] = value}; returns this. The parameters are fixed: not an option. */
    public ParamGroup set(String key, Object value) {
        if (key.equals("params")) {
            throw new IllegalArgumentException("a group's params are given when it is made, not set as an option");
        }
        options.put(key, value);
        return this;
    }

    public boolean has(String key) {
        return options.containsKey(key);
    }

    public Object get(String key) {
        if (!options.containsKey(key)) {
            throw new IllegalArgumentException("param group has no option '" + key + "'");
        }
        return options.get(key);
    }

    public double getDouble(String key) {
        Object v = get(key);
        if (v instanceof Number n && !(v instanceof Boolean)) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("param group option '" + key + "' must be a number, got " + v);
    }

    public boolean getBoolean(String key) {
        Object v = get(key);
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("param group option '" + key + "' must be a boolean, got " + v);
    }

    /** Element {@code index} of a pair such as {@code "betas"}. */
    public double getDouble(String key, int index) {
        Object v = get(key);
        if (v instanceof List<?> list && list.size() == 2 && list.get(index) instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("param group option '" + key + "' must be a pair of numbers, got " + v);
    }

    public double lr() {
        return getDouble("lr");
    }

    public void setLr(double lr) {
        options.put("lr", lr);
    }

    /** Fills the options this group does not set from {@code defaults}, as {@code setdefault}. */
    void setDefaults(Map<String, Object> defaults) {
        defaults.forEach(options::putIfAbsent);
    }

    /** Replaces every option (loading a state dict). */
    void replaceOptions(Map<String, Object> newOptions) {
        options.clear();
        options.putAll(newOptions);
    }
}
