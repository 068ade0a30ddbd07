package dev.rnn4j.nn;

import dev.rnn4j.LongTensor;
import dev.rnn4j.Reduction;
import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;

/**
 * The functions behind the losses, as {@code torch.nn.functional}; every loss module delegates to one. Arguments follow PyTorch's, with its defaults in the shorter overloads (reduction mean, ignore index
 * −100, no weight, no label smoothing). Bad arguments fail with PyTorch's message before anything is computed.
 */
public final class Functional {

    /** PyTorch's default {@code ignore_index}. */
    public static final long IGNORE_INDEX = -100;

    private Functional() {
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
