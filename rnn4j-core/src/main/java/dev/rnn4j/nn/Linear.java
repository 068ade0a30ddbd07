package dev.rnn4j.nn;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;

/**
 * y = x·Wᵀ + b over the last dimension of x, as {@code nn.Linear}: x (*, in_features) gives
 * (*, out_features). Initialised as PyTorch does, from the default generator: the weight by
 * {@code kaiming_uniform_(a=√5)}, i.e. U(−1/√in, 1/√in), then the bias from the same range.
 */
public final class Linear extends Module implements Layer {

    private final int inFeatures;
    private final int outFeatures;
    private final Parameter weight;
    private final Parameter bias;

    public Linear(int inFeatures, int outFeatures) {
        this(inFeatures, outFeatures, true);
    }

    public Linear(int inFeatures, int outFeatures, boolean bias) {
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        weight = registerParameter("weight", new Parameter(Torch.zeros(outFeatures, inFeatures)));
        this.bias = registerParameter("bias", bias ? new Parameter(Torch.zeros(outFeatures)) : null);
        resetParameters();
    }

    private void resetParameters() {
        Init.kaimingUniform(weight, Math.sqrt(5));
        if (bias != null) {
            int fanIn = Init.fanIn(weight);
            double bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
            Init.uniform(bias, -bound, bound);
        }
    }

    /** @param input (*, in_features); returns (*, out_features) */
    @Override
    public Tensor forward(Tensor input) {
        return Functional.linear(input, weight, bias);
    }

    /** (out_features, in_features). */
    public Parameter weight() {
        return weight;
    }

    /** (out_features), or null without a bias. */
    public Parameter bias() {
        return bias;
    }

    public int inFeatures() {
        return inFeatures;
    }

    public int outFeatures() {
        return outFeatures;
    }

    @Override
    protected String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias="
                + (bias != null ? "True" : "False");
    }
}
