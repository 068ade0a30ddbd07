package dev.rnn4j.optim;

import dev.rnn4j.Tensor;

import java.util.List;

import static dev.rnn4j.optim.Elementwise.add;
import static dev.rnn4j.optim.Elementwise.addInPlace;
import static dev.rnn4j.optim.Elementwise.mulInPlace;
import static dev.rnn4j.optim.Elementwise.neg;

/**
 * Stochastic gradient descent with optional momentum, as {@code torch.optim.SGD}:
 * <pre>
 * g = ∇ (−∇ with maximize) + weight_decay·θ
 * b = g on the first step, else momentum·b + (1 − dampening)·g
 * g = g + momentum·b (nesterov) or b
 * θ = θ − lr·g
 * </pre>
 * <pre>{@code var opt = SGD.builder(model.parameters()).lr(0.1).momentum(0.9).build();}</pre>
 */
public final class SGD extends Optimizer {

    private static final String MOMENTUM_BUFFER = "momentum_buffer";

    private SGD(Builder b) {
        super(b.groups, b.defaults, SGD::check);
    }

    public static Builder builder(Iterable<? extends Tensor> params) {
        return new Builder(OptimizerBuilder.oneGroup(params));
    }

    public static Builder builder(ParamGroup... groups) {
        return new Builder(List.of(groups));
    }

    /** SGD's settings, PyTorch's defaults: lr 1e-3, momentum 0, dampening 0, weight_decay 0, nesterov False. */
    public static final class Builder extends OptimizerBuilder<Builder, SGD> {

        private Builder(List<ParamGroup> groups) {
            super(groups);
            option("lr", 1e-3).option("momentum", 0).option("dampening", 0).option("weight_decay", 0)
                    .option("nesterov", false).option("maximize", false).option("foreach", null)
                    .option("differentiable", false).option("fused", null);
        }

        public Builder momentum(double momentum) {
            return option("momentum", momentum);
        }

        public Builder dampening(double dampening) {
            return option("dampening", dampening);
        }

        public Builder nesterov(boolean nesterov) {
            return option("nesterov", nesterov);
        }

        @Override
        public SGD build() {
            return new SGD(this);
        }
    }

    private static void check(ParamGroup g) {
        Checks.notNegative(g, "lr", "learning rate");
        Checks.notNegative(g, "momentum", "momentum value");
        Checks.notNegative(g, "weight_decay", "weight_decay value");
        g.getDouble("dampening");
        g.getBoolean("maximize");
        if (g.getBoolean("nesterov") && (g.getDouble("momentum") <= 0 || g.getDouble("dampening") != 0)) {
            throw new IllegalArgumentException("Nesterov momentum requires a momentum and zero dampening");
        }
    }

    @Override
    List<String> stateNames() {
        return List.of(MOMENTUM_BUFFER);
    }

    @Override
    void update(ParamGroup group, float[] param, float[] grad, ParamState state) {
        double lr = group.lr();
        double momentum = group.getDouble("momentum");
        double weightDecay = group.getDouble("weight_decay");
        float[] d = group.getBoolean("maximize") ? neg(grad) : grad;
        if (weightDecay != 0) {
            d = add(d, param, (float) weightDecay);
        }
        if (momentum != 0) {
            float[] buf = state.get(MOMENTUM_BUFFER);
            if (buf == null) {
                buf = d.clone();
                state.put(MOMENTUM_BUFFER, buf);
            } else {
                mulInPlace(buf, (float) momentum);
                addInPlace(buf, d, (float) (1 - group.getDouble("dampening")));
            }
            d = group.getBoolean("nesterov") ? add(d, buf, (float) momentum) : buf;
        }
        addInPlace(param, d, (float) -lr);
    }
}
