package dev.rnn4j.nn;

import dev.rnn4j.Shape;
import dev.rnn4j.Tensor;
import dev.rnn4j.autograd.Op;

import java.util.Arrays;

/**
 * Layer normalisation as ATen's {@code native_layer_norm}: one node, NativeLayerNormBackward0, over the input,
 * weight and bias, with the forward and backward written as tensor operations on the last k dimensions.
 */
final class Normalization {

    private Normalization() {
    }

    static Tensor layerNorm(Tensor input, int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        checkInputs(input, normalizedShape, weight, bias);
        int lead = input.dim() - normalizedShape.length;
        int[] normDims = range(lead, input.dim());
        int[] leadDims = range(0, lead);
        Tensor x = input.detach();
        Tensor centred = x.sub(x.mean(normDims, true));
        Tensor rstd = centred.mul(centred).mean(normDims, true).add((float) eps).rsqrt();
        Tensor xhat = centred.mul(rstd);
        Tensor y = xhat;
        if (weight != null) {
            y = y.mul(weight.detach());
        }
        if (bias != null) {
            y = y.add(bias.detach());
        }
        Tensor w = weight == null ? null : weight.detach();
        return Op.record(y, "NativeLayerNormBackward0", Op.save(xhat, rstd), (g, s) -> {
            Tensor gy = g[0];
            Tensor h = s.get(0);
            // dx = rstd·(ĝ − mean(ĝ) − x̂·mean(ĝ·x̂)) with ĝ = g·w, the means over the normalised dimensions
            Tensor gh = w == null ? gy : gy.mul(w);
            Tensor dx = s.<Tensor>get(1).mul(gh.sub(gh.mean(normDims, true)).sub(h.mul(gh.mul(h).mean(normDims, true))));
            return new Tensor[]{dx,
                    weight == null ? null : gy.mul(h).sum(leadDims, false),
                    bias == null ? null : gy.sum(leadDims, false)};
        }, input, weight, bias);
    }

    /** {@code _check_layer_norm_inputs}: the affine tensors' shapes, then the input's trailing dimensions. */
    private static void checkInputs(Tensor input, int[] normalizedShape, Tensor weight, Tensor bias) {
        checkAffine("weight", weight, normalizedShape);
        checkAffine("bias", bias, normalizedShape);
        int[] shape = input.shape().toArray();
        int lead = shape.length - normalizedShape.length;
        if (lead < 0 || !Arrays.equals(Arrays.copyOfRange(shape, lead, shape.length), normalizedShape)) {
            String expected = Shape.list(normalizedShape);
            throw new IllegalArgumentException("Given normalized_shape=" + expected + ", expected input with shape [*"
                    + (normalizedShape.length == 0 ? "" : ", " + expected.substring(1, expected.length() - 1))
                    + "], but got input of size" + Shape.list(shape));
        }
    }

    private static void checkAffine(String name, Tensor t, int[] normalizedShape) {
        if (t != null && !Arrays.equals(t.shape().toArray(), normalizedShape)) {
            throw new IllegalArgumentException("Expected " + name + " to be of same shape as normalized_shape, but got "
                    + name + " of shape " + Shape.list(t.shape().toArray()) + " and normalized_shape = "
                    + Shape.list(normalizedShape));
        }
    }

    private static int[] range(int from, int to) {
        int[] out = new int[to - from];
        for (int i = 0; i < out.length; i++) {
            out[i] = from + i;
        }
        return out;
    }
}
