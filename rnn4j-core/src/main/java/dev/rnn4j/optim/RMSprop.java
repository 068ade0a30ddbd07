package dev.rnn4j.optim;

import dev.rnn4j.Tensor;

import java.util.List;

import static dev.rnn4j.optim.Elementwise.add;
import static dev.rnn4j.optim.Elementwise.addInPlace;
import static dev.rnn4j.optim.Elementwise.addcdivInPlace;
import static dev.rnn4j.optim.Elementwise.addcmulInPlace;
import static dev.rnn4j.optim.Elementwise.lerpInPlace;
import static dev.rnn4j.optim.Elementwise.mulInPlace;
import static dev.rnn4j.optim.Elementwise.neg;
import static dev.rnn4j.optim.Elementwise.sqrt;

/**
 * RMSprop, as {@code torch.optim.RMSprop}:
 * <pre>
 * g = ∇ (−∇ with maximize) + weight_decay·θ
 * v = α·v + (1 − α)·g²
 * avg = √v + eps, or with centered √(v − ḡ²) + eps where ḡ = lerp(ḡ, g, 1 − α)
 * θ = θ − lr·g/avg, or with momentum b = momentum·b + g/avg; θ = θ − lr·b
 * </pre>
 */
public final class RMSprop extends Optimizer {

    private static final String SQUARE_AVG = "square_avg";
    private static final String MOMENTUM_BUFFER = "momentum_buffer";
    private static final String GRAD_AVG = "grad_avg";

    private RMSprop(Builder b) {
        super(b.groups, b.defaults, RMSprop::check);
    }

    public static Builder builder(Iterable<? extends Tensor> params) {
        return new Builder(OptimizerBuilder.oneGroup(params));
    }

    public static Builder builder(ParamGroup... groups) {
        return new Builder(List.of(groups));
    }

    /** RMSprop's settings, PyTorch's defaults: lr 1e-2, momentum 0, alpha 0.99, eps 1e-8, centered False. */
    public static final class Builder extends OptimizerBuilder<Builder, RMSprop> {

        private Builder(List<ParamGroup> groups) {
            super(groups);
            option("lr", 1e-2).option("momentum", 0).option("alpha", 0.99).option("eps", 1e-8)
                    .option("centered", false).option("weight_decay", 0).option("capturable", false)
                    .option("foreach", null).option("maximize", false).option("differentiable", false);
        }

        public Builder momentum(double momentum) {
            return option("momentum", momentum);
        }

        /** The smoothing constant of the squared-gradient average. */
        public Builder alpha(double alpha) {
            return option("alpha", alpha);
        }

        public Builder eps(double eps) {
            return option("eps", eps);
        }

        /** Normalizes by the estimated variance (the average of g² less the square of g's average). */
        public Builder centered(boolean centered) {
            return option("centered", centered);
        }

        @Override
        public RMSprop build() {
            return new RMSprop(this);
        }
    }

    private static void check(ParamGroup g) {
        Checks.atLeastZero(g, "lr", "learning rate");
        Checks.atLeastZero(g, "eps", "epsilon value");
        Checks.atLeastZero(g, "momentum", "momentum value");
        Checks.atLeastZero(g, "weight_decay", "weight_decay value");
        Checks.atLeastZero(g, "alpha", "alpha value");
        g.getBoolean("centered");
        g.getBoolean("maximize");
    }

    @Override
    List<String> stateNames() {
        return List.of(ParamState.STEP, SQUARE_AVG, MOMENTUM_BUFFER, GRAD_AVG);
    }

    @Override
    void update(ParamGroup group, float[] param, float[] grad, ParamState state) {
        double momentum = group.getDouble("momentum");
        boolean centered = group.getBoolean("centered");
        if (state.isEmpty()) {
            state.put(ParamState.STEP, new float[1]);
            state.put(SQUARE_AVG, new float[param.length]);
            if (momentum > 0) {
                state.put(MOMENTUM_BUFFER, new float[param.length]);
            }
            if (centered) {
                state.put(GRAD_AVG, new float[param.length]);
            }
        }
        double alpha = group.getDouble("alpha");
        double weightDecay = group.getDouble("weight_decay");
        float[] g = group.getBoolean("maximize") ? neg(grad) : grad;
        state.incrementStep();
        if (weightDecay != 0) {
            g = add(g, param, (float) weightDecay);
        }
        float[] squareAvg = state.get(SQUARE_AVG);
        mulInPlace(squareAvg, (float) alpha);
        addcmulInPlace(squareAvg, g, g, (float) (1 - alpha));
        float[] avg;
        if (centered) {
            float[] gradAvg = state.getOrZeros(GRAD_AVG, param.length);
            lerpInPlace(gradAvg, g, (float) (1 - alpha));
            avg = squareAvg.clone();
            addcmulInPlace(avg, gradAvg, gradAvg, -1f);
            avg = sqrt(avg);
        } else {
            avg = sqrt(squareAvg);
        }
        addInPlace(avg, (float) group.getDouble("eps"));
        float lr = (float) -group.lr();
        if (momentum > 0) {
            float[] buf = state.getOrZeros(MOMENTUM_BUFFER, param.length);
            mulInPlace(buf, (float) momentum);
            addcdivInPlace(buf, g, avg, 1f);
            addInPlace(param, buf, lr);
        } else {
            addcdivInPlace(param, g, avg, lr);
        }
    }
}
