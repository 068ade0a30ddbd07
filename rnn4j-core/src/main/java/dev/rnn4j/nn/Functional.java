package dev.rnn4j.nn;

import dev.rnn4j.LongTensor;
import dev.rnn4j.Reduction;
import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;

/**
 * The functions behind the layers and losses, as {@code torch.nn.functional}; every module here delegates to
 * one. Arguments follow PyTorch's, with its defaults in the shorter overloads (reduction mean, ignore index
 * −100, no weight, no label smoothing). Bad arguments fail with PyTorch's message before anything is computed.
 */
public final class Functional {

    /** PyTorch's default {@code ignore_index}. */
    public static final long IGNORE_INDEX = -100;

    private Functional() {
    }

    // ---- layers -----------------------------------------------------------------------------------------

    /**
     * x·Wᵀ + b, as {@code F.linear}: input (*, in), weight (out, in), bias (out) or null. Recorded as PyTorch 2
     * does: a matrix input with a bias is one addmm; another contiguous one is flattened to a matrix and viewed
     * back; without a bias it is a matmul.
     */
    public static Tensor linear(Tensor input, Tensor weight, Tensor bias) {
        if (input.dim() == 0 || weight.dim() == 0) {
            throw new IllegalArgumentException("both arguments to linear need to be at least 1D, but they are "
                    + input.dim() + "D and " + weight.dim() + "D");
        }
        if (bias == null) {
            return input.matmul(weight.t());
        }
        if (input.dim() == 2) {
            return Torch.addmm(bias, input, weight.t());
        }
        if (input.isContiguous()) {
            int[] shape = input.shape().toArray();
            Tensor rows = Torch.addmm(bias, input.reshape(-1, shape[shape.length - 1]), weight.t());
            shape[shape.length - 1] = weight.size(0);
            return rows.view(shape);
        }
        return input.matmul(weight.t()).add(bias);
    }

    /** The rows of {@code weight} (V, D) at {@code input}, as {@code F.embedding}: input.shape + (D). */
    public static Tensor embedding(LongTensor input, Tensor weight) {
        return embedding(input, weight, null);
    }

    /** @param paddingIdx a row in [−V, V) that gets no gradient (negative counts from the end), or null */
    public static Tensor embedding(LongTensor input, Tensor weight, Integer paddingIdx) {
        int row = paddingIdx == null ? -1 : paddingRow(paddingIdx, weight.size(0));
        return Torch.embedding(weight, input, row);
    }

    /** A padding index in [−n, n) as a row in [0, n), with PyTorch's message otherwise. */
    static int paddingRow(int paddingIdx, int rows) {
        if (paddingIdx >= rows || paddingIdx < -rows) {
            throw new IllegalArgumentException("Padding_idx must be within num_embeddings");
        }
        return paddingIdx < 0 ? paddingIdx + rows : paddingIdx;
    }

    /** {@code F.layer_norm}: weight and bias have {@code normalizedShape}, either may be null. */
    public static Tensor layerNorm(Tensor input, int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        return Normalization.layerNorm(input, normalizedShape, weight, bias, eps);
    }

    /** {@code F.dropout}; draws its mask from the default generator. */
    public static Tensor dropout(Tensor input, double p, boolean training) {
        return Dropout.dropout(input, p, training);
    }

    // ---- activations --------------------------------------------------------------------------------------

    public static Tensor relu(Tensor input) {
        return input.relu();
    }

    public static Tensor gelu(Tensor input) {
        return input.gelu();
    }

    /** @param approximate {@code "none"} or {@code "tanh"} */
    public static Tensor gelu(Tensor input, String approximate) {
        return input.gelu(approximate);
    }

    public static Tensor softmax(Tensor input, int dim) {
        return input.softmax(dim);
    }

    public static Tensor logSoftmax(Tensor input, int dim) {
        return input.logSoftmax(dim);
    }

    // ---- losses ---------------------------------------------------------------------------------------------

    /** Mean cross entropy of logits (N, C), (N, C, d1, …) or (C) against class indices (N), (N, d1, …) or (). */
    public static Tensor crossEntropy(Tensor input, LongTensor target) {
        return crossEntropy(input, target, null, IGNORE_INDEX, Reduction.MEAN, 0);
    }

    /**
     * {@code F.cross_entropy} with class-index targets.
     *
     * @param weight         a weight per class (C), or null
     * @param ignoreIndex    targets equal to it contribute nothing, not even to the mean's divisor
     * @param labelSmoothing in [0, 1]: the target becomes (1 − ε)·one-hot + ε/C
     */
    public static Tensor crossEntropy(Tensor input, LongTensor target, Tensor weight, long ignoreIndex,
                                      Reduction reduction, double labelSmoothing) {
        return CrossEntropy.classIndices(input, target, weight, ignoreIndex, reduction, labelSmoothing);
    }

    /** Mean cross entropy of logits against class probabilities of the input's shape. */
    public static Tensor crossEntropy(Tensor input, Tensor target) {
        return crossEntropy(input, target, null, IGNORE_INDEX, Reduction.MEAN, 0);
    }

    /** {@code F.cross_entropy} with class-probability targets; {@code ignoreIndex} must be negative (unsupported). */
    public static Tensor crossEntropy(Tensor input, Tensor target, Tensor weight, long ignoreIndex,
                                      Reduction reduction, double labelSmoothing) {
        return CrossEntropy.probabilities(input, target, weight, ignoreIndex, reduction, labelSmoothing);
    }

    /** Mean negative log likelihood of log-probabilities against class indices, as {@code F.nll_loss}. */
    public static Tensor nllLoss(Tensor input, LongTensor target) {
        return nllLoss(input, target, null, IGNORE_INDEX, Reduction.MEAN);
    }

    public static Tensor nllLoss(Tensor input, LongTensor target, Tensor weight, long ignoreIndex,
                                 Reduction reduction) {
        return Torch.nllLoss(input, target, weight, reduction, ignoreIndex);
    }

    /** Mean squared error, input and target broadcast together, as {@code F.mse_loss}. */
    public static Tensor mseLoss(Tensor input, Tensor target) {
        return mseLoss(input, target, Reduction.MEAN);
    }

    public static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction) {
        return PointwiseLosses.mse(input, target, reduction);
    }

    /** Mean absolute error, input and target broadcast together, as {@code F.l1_loss}. */
    public static Tensor l1Loss(Tensor input, Tensor target) {
        return l1Loss(input, target, Reduction.MEAN);
    }

    public static Tensor l1Loss(Tensor input, Tensor target, Reduction reduction) {
        return PointwiseLosses.l1(input, target, reduction);
    }

    /** Mean binary cross entropy of logits against targets of the same shape. */
    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target) {
        return binaryCrossEntropyWithLogits(input, target, null, null, Reduction.MEAN);
    }

    /**
     * {@code F.binary_cross_entropy_with_logits}.
     *
     * @param weight    broadcast over the input, or null
     * @param posWeight the weight of positive examples, broadcast over the target (typically one per class), or null
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor weight, Tensor posWeight,
                                                      Reduction reduction) {
        return PointwiseLosses.bceWithLogits(input, target, weight, posWeight, reduction);
    }
}
