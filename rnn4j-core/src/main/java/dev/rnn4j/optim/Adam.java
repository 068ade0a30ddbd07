package dev.rnn4j.optim;

import dev.rnn4j.Tensor;
import dev.rnn4j.internal.parallel.Parallel;

import java.util.List;
import java.util.function.Function;

import static dev.rnn4j.optim.Elementwise.add;
import static dev.rnn4j.optim.Elementwise.addInPlace;
import static dev.rnn4j.optim.Elementwise.addcdivInPlace;
import static dev.rnn4j.optim.Elementwise.addcmul;
import static dev.rnn4j.optim.Elementwise.addcmulInPlace;
import static dev.rnn4j.optim.Elementwise.divInPlace;
import static dev.rnn4j.optim.Elementwise.lerp;
import static dev.rnn4j.optim.Elementwise.lerpInPlace;
import static dev.rnn4j.optim.Elementwise.maximumInPlace;
import static dev.rnn4j.optim.Elementwise.mulInPlace;
import static dev.rnn4j.optim.Elementwise.neg;
import static dev.rnn4j.optim.Elementwise.sqrt;

/**
 * Adam, as {@code torch.optim.Adam}; with {@code decoupledWeightDecay} (or as {@link AdamW}) the
 * weight decay shrinks the parameter instead of adding to the gradient:
 * <pre>
 * g = ∇ (−∇ with maximize) [+ weight_decay·θ]      [θ = θ·(1 − lr·weight_decay), decoupled]
 * m = lerp(m, g, 1 − β1),  v = β2·v + (1 − β2)·g²  [v̂ = max(v̂, v), amsgrad]
 * θ = θ − lr/(1 − β1^t) · m / (√v / √(1 − β2^t) + eps)
 * </pre>
 * The bias corrections are Python floats (doubles) that reach the float32 kernels rounded once.
 */
public final class Adam extends Optimizer {

    /** Elements per parallel task of the fused update. */
    private static final int ELEMENTS_PER_TASK = 1 << 14;
    private static final String EXP_AVG = "exp_avg";
    private static final String EXP_AVG_SQ = "exp_avg_sq";
    private static final String MAX_EXP_AVG_SQ = "max_exp_avg_sq";

    private Adam(Builder<Adam> b) {
        super(b.groups, b.defaults, Adam::check);
    }

    public static Builder<Adam> builder(Iterable<? extends Tensor> params) {
        return new Builder<>(OptimizerBuilder.oneGroup(params), false, Adam::new);
    }

    public static Builder<Adam> builder(ParamGroup... groups) {
        return new Builder<>(List.of(groups), false, Adam::new);
    }

    /**
     * Adam's settings, PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight_decay 0
     * (AdamW: 1e-2), amsgrad False, decoupled_weight_decay False (AdamW: True).
     */
    public static final class Builder<O extends Optimizer> extends OptimizerBuilder<Builder<O>, O> {

        private final boolean adamW;
        private final Function<Builder<O>, O> factory;

        Builder(List<ParamGroup> groups, boolean adamW, Function<Builder<O>, O> factory) {
            super(groups);
            this.adamW = adamW;
            this.factory = factory;
            option("lr", 1e-3).option("betas", List.of(0.9, 0.999)).option("eps", 1e-8)
                    .option("weight_decay", adamW ? (Object) 1e-2 : (Object) 0).option("amsgrad", false)
                    .option("maximize", false).option("foreach", null).option("capturable", false)
                    .option("differentiable", false).option("fused", null).option("decoupled_weight_decay", adamW);
        }

        public Builder<O> betas(double beta1, double beta2) {
            return option("betas", List.of(beta1, beta2));
        }

        public Builder<O> eps(double eps) {
            return option("eps", eps);
        }

        /** Normalizes by the largest second moment seen so far (AMSGrad). */
        public Builder<O> amsgrad(boolean amsgrad) {
            return option("amsgrad", amsgrad);
        }

        /** AdamW's weight decay: θ·(1 − lr·weight_decay) before the update. AdamW always has it. */
        public Builder<O> decoupledWeightDecay(boolean decoupled) {
            if (adamW && !decoupled) {
                throw new IllegalArgumentException("AdamW always decouples its weight decay");
            }
            return option("decoupled_weight_decay", decoupled);
        }

        @Override
        public O build() {
            return factory.apply(this);
        }
    }

    static void check(ParamGroup g) {
        Checks.atLeastZero(g, "lr", "learning rate");
        Checks.atLeastZero(g, "eps", "epsilon value");
        for (int i = 0; i < 2; i++) {
            double beta = g.getDouble("betas", i);
            if (!(0.0 <= beta && beta < 1.0)) {
                throw new IllegalArgumentException("Invalid beta parameter at index " + i + ": " + PyValues.str(beta));
            }
        }
        Checks.atLeastZero(g, "weight_decay", "weight_decay value");
        g.getBoolean("amsgrad");
        g.getBoolean("maximize");
        g.getBoolean("decoupled_weight_decay");
    }

    static final List<String> STATE_NAMES = List.of(ParamState.STEP, EXP_AVG, EXP_AVG_SQ, MAX_EXP_AVG_SQ);

    @Override
    List<String> stateNames() {
        return STATE_NAMES;
    }

    @Override
    void update(ParamGroup group, float[] param, float[] grad, ParamState state) {
        adamUpdate(group, param, grad, state);
    }

    /** Adam's and AdamW's update of one parameter. */
    static void adamUpdate(ParamGroup group, float[] param, float[] grad, ParamState state) {
        boolean amsgrad = group.getBoolean("amsgrad");
        if (state.isEmpty()) {
            state.put(ParamState.STEP, new float[1]);
            state.put(EXP_AVG, new float[param.length]);
            state.put(EXP_AVG_SQ, new float[param.length]);
            if (amsgrad) {
                state.put(MAX_EXP_AVG_SQ, new float[param.length]);
            }
        }
        double lr = group.lr();
        double beta1 = group.getDouble("betas", 0);
        double beta2 = group.getDouble("betas", 1);
        double weightDecay = group.getDouble("weight_decay");
        float[] g = group.getBoolean("maximize") ? neg(grad) : grad;
        double step = state.incrementStep();
        if (weightDecay == 0 && !amsgrad) {
            fusedUpdate(param, g, state.get(EXP_AVG), state.get(EXP_AVG_SQ), beta1, beta2, lr, step,
                    (float) group.getDouble("eps"));
            return;
        }
        if (weightDecay != 0) {
            if (group.getBoolean("decoupled_weight_decay")) {
                mulInPlace(param, (float) (1 - lr * weightDecay));
            } else {
                g = add(g, param, (float) weightDecay);
            }
        }
        float[] expAvg = state.get(EXP_AVG);
        float[] expAvgSq = state.get(EXP_AVG_SQ);
        lerpInPlace(expAvg, g, (float) (1 - beta1));
        mulInPlace(expAvgSq, (float) beta2);
        addcmulInPlace(expAvgSq, g, g, (float) (1 - beta2));

        double biasCorrection1 = 1 - Math.pow(beta1, step);
        double biasCorrection2 = 1 - Math.pow(beta2, step);
        double stepSize = lr / biasCorrection1;
        double biasCorrection2Sqrt = Math.sqrt(biasCorrection2);
        float[] secondMoment = expAvgSq;
        if (amsgrad) {
            secondMoment = state.getOrZeros(MAX_EXP_AVG_SQ, param.length);
            maximumInPlace(secondMoment, expAvgSq);
        }
        float[] denom = sqrt(secondMoment);
        divInPlace(denom, (float) biasCorrection2Sqrt);
        addInPlace(denom, (float) group.getDouble("eps"));
        addcdivInPlace(param, expAvg, denom, (float) -stepSize);
    }

    /**
     * The update above without weight decay or amsgrad in one pass: per element the same float operations in the
     * same order as the seven array operations (lerp, mul, addcmul, sqrt, div, add, addcdiv), so the same bits.
     */
    private static void fusedUpdate(float[] param, float[] g, float[] expAvg, float[] expAvgSq, double beta1,
                                    double beta2, double lr, double step, float eps) {
        float w = (float) (1 - beta1);
        float decay = (float) beta2;
        float gain = (float) (1 - beta2);
        float correction = (float) Math.sqrt(1 - Math.pow(beta2, step));
        float rate = (float) -(lr / (1 - Math.pow(beta1, step)));
        // element by element, so any split across threads gives the same bits
        Parallel.parallelFor(param.length, ELEMENTS_PER_TASK, (i0, i1) -> {
            for (int i = i0; i < i1; i++) {
                float m = lerp(expAvg[i], g[i], w);
                expAvg[i] = m;
                float v = addcmul(expAvgSq[i] * decay, g[i], g[i], gain);
                expAvgSq[i] = v;
                float denom = (float) Math.sqrt(v) / correction + eps;
                param[i] += rate * m / denom;
            }
        });
    }
}
