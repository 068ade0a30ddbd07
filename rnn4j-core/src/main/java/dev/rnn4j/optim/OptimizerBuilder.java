package dev.rnn4j.optim;

import dev.rnn4j.Tensor;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The optional settings every optimizer shares; each optimizer's {@code Builder} adds its own.
 * Settings left alone keep PyTorch's defaults, which become each group's options unless the
 * group sets its own.
 *
 * @param <B> the concrete builder, returned by each setter for chaining
 * @param <O> the optimizer it builds
 */
public abstract class OptimizerBuilder<B extends OptimizerBuilder<B, O>, O extends Optimizer> {

    final List<ParamGroup> groups;
    final Map<String, Object> defaults = new LinkedHashMap<>();

    OptimizerBuilder(List<ParamGroup> groups) {
        this.groups = groups;
    }

    /**
     * One group of all {@code params}; none at all when there are none (which the optimizer rejects).
     * A tensor is iterable over its rows, so passing one by mistake fails here, as in PyTorch.
     */
    static List<ParamGroup> oneGroup(Iterable<? extends Tensor> params) {
        if (params instanceof Tensor) {
            throw new IllegalArgumentException("params argument given to the optimizer should be an iterable of "
                    + "Tensors or dicts, but got torch.FloatTensor");
        }
        Iterator<? extends Tensor> it = params.iterator();
        return it.hasNext() ? List.of(ParamGroup.of(params)) : List.of();
    }

    /** Sets a default under PyTorch's key; a key PyTorch already lists keeps its place. */
    @SuppressWarnings("unchecked")
    final B option(String key, Object value) {
        defaults.put(key, value);
        return (B) this;
    }

    public B lr(double lr) {
        return option("lr", lr);
    }

    public B weightDecay(double weightDecay) {
        return option("weight_decay", weightDecay);
    }

    /** Maximizes the objective instead of minimizing it (the gradient's sign flipped). */
    public B maximize(boolean maximize) {
        return option("maximize", maximize);
    }

    /** Checks every setting (PyTorch's messages) and builds the optimizer. */
    public abstract O build();
}
