package dev.rnn4j.optim;

import dev.rnn4j.Tensor;

import java.util.Arrays;
import java.util.List;

import static dev.rnn4j.optim.Elementwise.add;
import static dev.rnn4j.optim.Elementwise.addInPlace;
import static dev.rnn4j.optim.Elementwise.addcdivInPlace;
import static dev.rnn4j.optim.Elementwise.addcmulInPlace;
import static dev.rnn4j.optim.Elementwise.neg;
import static dev.rnn4j.optim.Elementwise.sqrt;

/**
 * Adagrad, as {@code torch.optim.Adagrad}:
 * <pre>
 * g = ∇ (−∇ with maximize) + weight_decay·θ
 * s = s + g²                      (s starts at initial_accumulator_value)
 * θ = θ − lr/(1 + (t − 1)·lr_decay) · g/(√s + eps)
 * </pre>
 * As in PyTorch, every parameter's state exists from construction (step 0), and the sums start
 * from the optimizer's initial_accumulator_value, not a group's.
 */
public final class Adagrad extends Optimizer {

    private static final String SUM = "sum";

    private Adagrad(Builder b) {
        super(b.groups, b.defaults, Adagrad::check);
        for (ParamGroup g : paramGroups()) {
            for (Tensor p : g.params()) {
                initState(state(p), p.numel());
            }
        }
    }

    public static Builder builder(Iterable<? extends Tensor> params) {
        return new Builder(OptimizerBuilder.oneGroup(params));
    }

    public static Builder builder(ParamGroup... groups) {
        return new Builder(List.of(groups));
    }

    /** Adagrad's settings, PyTorch's defaults: lr 1e-2, lr_decay 0, eps 1e-10, initial_accumulator_value 0. */
    public static final class Builder extends OptimizerBuilder<Builder, Adagrad> {

        private Builder(List<ParamGroup> groups) {
            super(groups);
            option("lr", 1e-2).option("lr_decay", 0).option("eps", 1e-10).option("weight_decay", 0)
                    .option("initial_accumulator_value", 0).option("foreach", null).option("maximize", false)
                    .option("differentiable", false).option("fused", null);
        }

        /** The learning rate of step t is lr / (1 + (t − 1)·lr_decay). */
        public Builder lrDecay(double lrDecay) {
            return option("lr_decay", lrDecay);
        }

        public Builder initialAccumulatorValue(double value) {
            return option("initial_accumulator_value", value);
        }

        public Builder eps(double eps) {
            return option("eps", eps);
        }

        @Override
        public Adagrad build() {
            return new Adagrad(this);
        }
    }

    private static void check(ParamGroup g) {
        Checks.atLeastZero(g, "lr", "learning rate");
        Checks.atLeastZero(g, "lr_decay", "lr_decay value");
        Checks.atLeastZero(g, "weight_decay", "weight_decay value");
        Checks.atLeastZero(g, "initial_accumulator_value", "initial_accumulator_value value");
        Checks.atLeastZero(g, "eps", "epsilon value");
        g.getBoolean("maximize");
    }

    private void initState(ParamState state, int numel) {
        float[] sum = new float[numel];
        Arrays.fill(sum, (float) ((Number) defaults().get("initial_accumulator_value")).doubleValue());
        state.put(ParamState.STEP, new float[1]);
        state.put(SUM, sum);
    }

    @Override
    List<String> stateNames() {
        return List.of(ParamState.STEP, SUM);
    }

    @Override
    void update(ParamGroup group, float[] param, float[] grad, ParamState state) {
        if (state.isEmpty()) {
            initState(state, param.length);
        }
        double step = state.incrementStep();
        float[] g = group.getBoolean("maximize") ? neg(grad) : grad;
        double weightDecay = group.getDouble("weight_decay");
        if (weightDecay != 0) {
            g = add(g, param, (float) weightDecay);
        }
        double clr = group.lr() / (1 + (step - 1) * group.getDouble("lr_decay"));
        float[] sum = state.get(SUM);
        addcmulInPlace(sum, g, g, 1f);
        float[] std = sqrt(sum);
        addInPlace(std, (float) group.getDouble("eps"));
        addcdivInPlace(param, g, std, (float) -clr);
    }
}
