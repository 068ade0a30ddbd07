package dev.rnn4j.io;

import dev.rnn4j.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Getting a module's state dict out of what {@link dev.rnn4j.Torch#load} or
 * {@link SafeTensors#load} returns: the entries of one sub-module of a whole-model dict, and
 * the {@code module.} prefix that {@code DataParallel} adds.
 *
 * <pre>{@code
 * Map<?, ?> ckpt = (Map<?, ?>) Torch.load(path);
 * // a whole model's weights, {"lstm.weight_ih_l0": …, "fc.weight": …}: the LSTM's part
 * lstm.loadStateDict(StateDicts.select(ckpt.get("state_dict"), "lstm."));
 * // saved from inside DataParallel, {"module.weight_ih_l0": …}
 * gru.loadStateDict(StateDicts.stripDataParallel(Torch.load(other)));
 * }</pre>
 */
public final class StateDicts {

    private StateDicts() {
    }

    /**
     * The entries of a loaded state dict whose keys start with {@code prefix}, with the prefix
     * removed, as float tensors, in their order: the state dict of the sub-module saved under
     * {@code prefix} ({@code "rnn."} for a model's {@code self.rnn}); {@code ""} takes every entry.
     *
     * @throws IllegalArgumentException when {@code loaded} is not a map with string keys, or a
     *                                  selected entry is not a float tensor (the message names it)
     */
    public static Map<String, Tensor> select(Object loaded, String prefix) {
        if (!(loaded instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("a state dict is a map of names to tensors, got "
                    + (loaded == null ? "null" : "a " + loaded.getClass().getName()));
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException("a state dict has string keys, got the key " + e.getKey());
            }
            if (!key.startsWith(prefix)) {
                continue;
            }
            if (!(e.getValue() instanceof Tensor t)) {
                throw new IllegalArgumentException("state dict entry '" + key + "' is "
                        + (e.getValue() == null ? "null" : "a " + e.getValue().getClass().getSimpleName())
                        + ", not a float tensor");
            }
            out.put(key.substring(prefix.length()), t);
        }
        return out;
    }

    /**
     * As PyTorch's {@code consume_prefix_in_state_dict_if_present}: every key that starts with
     * {@code prefix} loses it; other keys stay as they are.
     */
    public static <V> Map<String, V> consumePrefix(Map<String, V> stateDict, String prefix) {
        Map<String, V> out = new LinkedHashMap<>();
        stateDict.forEach((k, v) -> out.put(k.startsWith(prefix) ? k.substring(prefix.length()) : k, v));
        return out;
    }

    /**
     * The float tensors of a state dict saved from inside {@code nn.DataParallel}, with its
     * {@code module.} prefix removed where present.
     */
    public static Map<String, Tensor> stripDataParallel(Object loaded) {
        return consumePrefix(select(loaded, ""), "module.");
    }
}
