package dev.rnn4j.nn;

import dev.rnn4j.Shape;
import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.format.PythonRepr;

/**
 * Normalises the last dimensions of its input to zero mean and unit (biased) variance, then scales and shifts,
 * as {@code nn.LayerNorm}: y = (x − E[x]) / √(Var[x] + eps) · weight + bias. The weight starts at ones, the bias
 * at zeros; no random draws.
 */
public final class LayerNorm extends Module implements Layer {

    private final int[] normalizedShape;
    private final double eps;
    private final boolean elementwiseAffine;
    private final Parameter weight;
    private final Parameter bias;

    /** eps 1e-5, with a weight and a bias. */
    public LayerNorm(int... normalizedShape) {
        this(builder(normalizedShape));
    }

    private LayerNorm(Builder b) {
        normalizedShape = b.normalizedShape.clone();
        eps = b.eps;
        elementwiseAffine = b.elementwiseAffine;
        weight = registerParameter("weight", b.elementwiseAffine ? new Parameter(Torch.ones(normalizedShape)) : null);
        bias = registerParameter("bias", b.elementwiseAffine && b.bias
                ? new Parameter(Torch.zeros(normalizedShape)) : null);
    }

    public static Builder builder(int... normalizedShape) {
        return new Builder(normalizedShape);
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.layerNorm(input, normalizedShape, weight, bias, eps);
    }

    /** normalized_shape, or null without elementwise affine. */
    public Parameter weight() {
        return weight;
    }

    /** normalized_shape, or null without a bias. */
    public Parameter bias() {
        return bias;
    }

    @Override
    protected String extraRepr() {
        return Shape.tuple(normalizedShape) + ", eps=" + PythonRepr.floatRepr(eps) + ", elementwise_affine="
                + PythonRepr.bool(elementwiseAffine) + ", bias=" + PythonRepr.bool(bias != null);
    }

    /** The optional settings, with PyTorch's defaults. */
    public static final class Builder {
        private final int[] normalizedShape;
        private double eps = 1e-5;
        private boolean elementwiseAffine = true;
        private boolean bias = true;

        private Builder(int[] normalizedShape) {
            this.normalizedShape = normalizedShape.clone();
        }

        public Builder eps(double eps) {
            this.eps = eps;
            return this;
        }

        /** Whether the layer learns a weight (and, with {@link #bias}, a bias). */
        public Builder elementwiseAffine(boolean elementwiseAffine) {
            this.elementwiseAffine = elementwiseAffine;
            return this;
        }

        public Builder bias(boolean bias) {
            this.bias = bias;
            return this;
        }

        public LayerNorm build() {
            return new LayerNorm(this);
        }
    }
}
