package dev.rnn4j.optim;

import dev.rnn4j.Tensor;

import java.util.List;

/**
 * AdamW, as {@code torch.optim.AdamW}: {@link Adam}'s update with decoupled weight decay (always on) and
 * a default weight_decay of 1e-2. The parameter shrinks by {@code 1 − lr·weight_decay} before
 * Adam's update instead of the decay entering the moments.
 * <pre>{@code var opt = AdamW.builder(model.parameters()).lr(3e-4).build();}</pre>
 */
public final class AdamW extends Optimizer {

    private AdamW(Adam.Builder<AdamW> b) {
        super(b.groups, b.defaults, Adam::check);
    }

    public static Adam.Builder<AdamW> builder(Iterable<? extends Tensor> params) {
        return new Adam.Builder<>(OptimizerBuilder.oneGroup(params), true, AdamW::new);
    }

    public static Adam.Builder<AdamW> builder(ParamGroup... groups) {
        return new Adam.Builder<>(List.of(groups), true, AdamW::new);
    }

    @Override
    List<String> stateNames() {
        return Adam.STATE_NAMES;
    }

    @Override
    void update(ParamGroup group, float[] param, float[] grad, ParamState state) {
        Adam.adamUpdate(group, param, grad, state);
    }

    /** As AdamW's {@code __setstate__}: a loaded group always decouples. */
    @Override
    void afterLoad(ParamGroup group) {
        group.set("decoupled_weight_decay", true);
    }
}
