package dev.rnn4j.optim;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An optimizer's state dict in PyTorch's structure, as plain Java values:
 * <pre>
 * {"state": {0: {"step": tensor(20.), "exp_avg": tensor(...), ...}, 1: {...}},
 *  "param_groups": [{"lr": 0.001, "betas": [0.9, 0.999], ..., "params": [0, 1]}, ...]}
 * </pre>
 * Parameters are numbered across the groups in order; a parameter without state has no entry.
 */
final class OptimizerStateDict {

    private OptimizerStateDict() {
    }

    static Map<String, Object> save(Optimizer opt) {
        Map<Integer, Object> state = new LinkedHashMap<>();
        List<Object> groups = new ArrayList<>();
        int index = 0;
        for (ParamGroup g : opt.paramGroups()) {
            Map<String, Object> packed = new LinkedHashMap<>(g.options());
            List<Integer> ids = new ArrayList<>();
            for (Tensor p : g.params()) {
                ParamState s = opt.stateMap().get(p);
                if (s != null && !s.isEmpty()) {
                    state.put(index, tensors(s, p.shape().toArray()));
                }
                ids.add(index++);
            }
            packed.put("params", ids);
            groups.add(packed);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", state);
        out.put("param_groups", groups);
        return out;
    }

    private static Map<String, Object> tensors(ParamState s, int[] shape) {
        Map<String, Object> entry = new LinkedHashMap<>();
        s.buffers().forEach((name, values) -> entry.put(name, name.equals(ParamState.STEP)
                ? Torch.scalar(values[0]) : Torch.tensor(values, shape)));
        return entry;
    }

    /** Checks the whole dict, then replaces the groups' options and the state. */
    static void load(Optimizer opt, Map<String, ?> stateDict) {
        List<ParamGroup> groups = opt.paramGroups();
        List<?> savedGroups = listOf(stateDict.get("param_groups"), "param_groups");
        Map<?, ?> savedState = mapOf(stateDict.get("state"), "state");
        if (savedGroups.size() != groups.size()) {
            throw new IllegalArgumentException("loaded state dict has a different number of parameter groups");
        }
        Map<Long, Tensor> byIndex = new LinkedHashMap<>();
        List<Map<String, Object>> newOptions = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            Map<?, ?> saved = mapOf(savedGroups.get(i), "param_groups[" + i + "]");
            List<?> ids = listOf(saved.get("params"), "param_groups[" + i + "]['params']");
            List<Tensor> params = groups.get(i).params();
            if (ids.size() != params.size()) {
                throw new IllegalArgumentException("loaded state dict contains a parameter group that doesn't match "
                        + "the size of optimizer's group");
            }
            for (int j = 0; j < ids.size(); j++) {
                byIndex.put(index(ids.get(j)), params.get(j));
            }
            newOptions.add(checkedOptions(opt, saved));
        }
        Map<Tensor, ParamState> newState = new IdentityHashMap<>();
        savedState.forEach((key, entry) -> {
            Tensor p = byIndex.get(index(key));
            if (p == null) {
                throw new IllegalArgumentException("loaded state dict has state for parameter " + key
                        + ", which no parameter group lists");
            }
            newState.put(p, checkedState(opt, key, mapOf(entry, "state[" + key + "]"), p));
        });
        for (int i = 0; i < groups.size(); i++) {
            groups.get(i).replaceOptions(newOptions.get(i));
        }
        opt.stateMap().clear();
        opt.stateMap().putAll(newState);
    }

    /** The saved options, completed from the defaults and adjusted as the optimizer loads them, then checked. */
    private static Map<String, Object> checkedOptions(Optimizer opt, Map<?, ?> saved) {
        ParamGroup g = ParamGroup.of();
        saved.forEach((k, v) -> {
            if (!"params".equals(k)) {
                g.set(String.valueOf(k), v);
            }
        });
        g.setDefaults(opt.defaults());
        opt.afterLoad(g);
        opt.checkOptions().accept(g);
        return g.options();
    }

    private static ParamState checkedState(Optimizer opt, Object key, Map<?, ?> entry, Tensor p) {
        ParamState s = new ParamState();
        entry.forEach((name, value) -> {
            if (!opt.stateNames().contains(name)) {
                throw new IllegalArgumentException("loaded state for parameter " + key + " has an entry '" + name
                        + "' that " + opt.getClass().getSimpleName() + " does not keep");
            }
            s.put((String) name, values(key, (String) name, value, p));
        });
        return s;
    }

    private static float[] values(Object key, String name, Object value, Tensor p) {
        if (name.equals(ParamState.STEP)) {
            if (value instanceof Number n) {
                return new float[]{n.floatValue()};
            }
            if (value instanceof Tensor t && t.numel() == 1) {
                return new float[]{t.item()};
            }
        } else if (value instanceof Tensor t && Arrays.equals(t.shape().toArray(), p.shape().toArray())) {
            return t.toFloatArray();
        }
        String got = value instanceof Tensor t ? "a tensor of shape " + t.shape() : String.valueOf(value);
        throw new IllegalArgumentException("loaded state for parameter " + key + ": '" + name + "' must be "
                + (name.equals(ParamState.STEP) ? "a number or a one-element tensor"
                : "a tensor of shape " + p.shape()) + ", got " + got);
    }

    private static long index(Object id) {
        if (id instanceof Integer || id instanceof Long) {
            return ((Number) id).longValue();
        }
        throw new IllegalArgumentException("a parameter index must be an Integer or Long, got " + id);
    }

    private static List<?> listOf(Object v, String what) {
        if (v instanceof List<?> list) {
            return list;
        }
        throw new IllegalArgumentException("state dict: " + what + " must be a list, got " + v);
    }

    private static Map<?, ?> mapOf(Object v, String what) {
        if (v instanceof Map<?, ?> map) {
            return map;
        }
        throw new IllegalArgumentException("state dict: " + what + " must be a map, got " + v);
    }
}
