package dev.rnn4j.nn;

import dev.rnn4j.LongTensor;
import dev.rnn4j.Reduction;
import dev.rnn4j.Shape;
import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.autograd.Op;

import java.util.Arrays;
import java.util.Locale;

/**
 * Cross entropy as ATen's {@code cross_entropy_loss} composes it, so that each result records the grad_fn PyTorch
 * shows: log_softmax over the class dimension (1, or 0 for an unbatched input), then the NLL loss of class
 * indices, mixed with the uniform distribution for label smoothing; or, for class probabilities, the negated
 * sum of target × log-probability.
 */
final class CrossEntropy {

    private CrossEntropy() {
    }

    static Tensor classIndices(Tensor input, LongTensor target, Tensor weight, long ignoreIndex, Reduction reduction,
                               double labelSmoothing) {
        if (Arrays.equals(input.shape().toArray(), target.shape().toArray())) {
            throw new IllegalArgumentException(
                    "Expected floating point type for target with class probabilities, got Long");
        }
        int classDim = input.dim() == 1 ? 0 : 1;
        if (labelSmoothing > 0) {
            checkSmoothing(labelSmoothing);
            return smoothed(input.logSoftmax(classDim), target, weight, ignoreIndex, reduction, labelSmoothing,
                    classDim);
        }
        return Torch.nllLoss(input.logSoftmax(classDim), target, weight, reduction, ignoreIndex);
    }

    /** (1 − ε)·nll + ε/C · Σ −w·log p over the classes, ignored targets contributing nothing to either. */
    private static Tensor smoothed(Tensor logp, LongTensor target, Tensor weight, long ignoreIndex,
                                   Reduction reduction, double eps, int classDim) {
        Tensor nll = Torch.nllLoss(logp, target, weight, reduction, ignoreIndex);
        int classes = logp.size(classDim);
        Tensor perClass = weight == null ? logp : logp.mul(weight.view(broadcastShape(logp, classDim)));
        // PyTorch masks in place (masked_fill_); a 0/1 factor gives the same values and gradients
        Tensor smooth = perClass.sum(classDim).neg().mul(keptMask(target, ignoreIndex));
        Tensor reduced = switch (reduction) {
            case NONE -> smooth;
            case SUM -> smooth.sum();
            case MEAN -> weight == null ? smooth.sum().div(kept(target, ignoreIndex).length)
                    : smooth.sum().div(weight.indexSelect(0, kept(target, ignoreIndex)).sum());
        };
        return nll.mul((float) (1 - eps)).add(reduced.mul((float) (eps / classes)));
    }

    static Tensor probabilities(Tensor input, Tensor target, Tensor weight, long ignoreIndex, Reduction reduction,
                                double labelSmoothing) {
        checkProbabilityTarget(input, target);
        if (ignoreIndex >= 0) {
            throw new IllegalArgumentException("ignore_index is not supported for floating point target");
        }
        int classDim = input.dim() == 1 ? 0 : 1;
        int classes = input.size(classDim);
        if (weight != null && (weight.dim() != 1 || weight.numel() != classes)) {
            throw new IllegalArgumentException("cross_entropy: weight tensor should be defined either for all "
                    + classes + " classes or no classes but got weight tensor of shape: "
                    + Shape.list(weight.shape().toArray()));
        }
        if (labelSmoothing > 0) {
            checkSmoothing(labelSmoothing);
        }
        Tensor logp = input.logSoftmax(classDim);
        Tensor p = labelSmoothing > 0
                ? target.mul((float) (1 - labelSmoothing)).add((float) (labelSmoothing / classes)) : target;
        Tensor product = logp.mul(p);
        if (weight != null) {
            product = product.mul(input.dim() > 1 ? weight.view(broadcastShape(logp, 1)) : weight);
        }
        return switch (reduction) {
            case NONE -> product.sum(classDim).neg();
            case SUM -> product.sum().neg();
            case MEAN -> divideByCount(product.sum().neg(), input.numel() == 0 ? 0 : input.numel() / classes);
        };
    }

    /**
     * The shape rules of PyTorch's dispatch: a target of another shape is read as class indices, which a
     * float tensor cannot be; say so as PyTorch's index path would.
     */
    private static void checkProbabilityTarget(Tensor input, Tensor target) {
        if (Arrays.equals(input.shape().toArray(), target.shape().toArray())) {
            return;
        }
        if (input.dim() != 1 && (target.dim() == 0 || input.size(0) != target.size(0))) {
            throw new IllegalArgumentException("Expected input batch_size (" + input.size(0)
                    + ") to match target batch_size (" + (target.dim() == 0 ? 0 : target.size(0)) + ").");
        }
        if (target.dim() > 1) {
            throw new IllegalArgumentException("0D or 1D target tensor expected, multi-target not supported");
        }
        throw new IllegalArgumentException("expected scalar type Long but found Float");
    }

    /** {@code tensor / n} with an integer n, as C++ divides by a Scalar: DivBackward1; NaN for no elements. */
    private static Tensor divideByCount(Tensor total, int n) {
        Tensor out = n == 0 ? Torch.full(new int[0], Float.NaN) : total.detach().div(n);
        return Op.record(out, "DivBackward1", g -> g.div(n), total);
    }

    private static void checkSmoothing(double labelSmoothing) {
        if (labelSmoothing > 1.0) {
            throw new IllegalArgumentException("label_smoothing must be between 0.0 and 1.0. Got: "
                    + cppDouble(labelSmoothing));
        }
    }

    /** A double as C++'s {@code operator<<} prints it: six significant digits, no trailing zeros. */
    static String cppDouble(double v) {
        String s = String.format(Locale.ROOT, "%.6g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return e < 0 ? mantissa : mantissa + s.substring(e);
    }

    /** (1, C, 1, …) to broadcast a class weight over (N, C, d1, …), or (C) for an unbatched input. */
    private static int[] broadcastShape(Tensor logp, int classDim) {
        int[] shape = new int[logp.dim()];
        Arrays.fill(shape, 1);
        shape[classDim] = logp.size(classDim);
        return shape;
    }

    /** 1 where the target is kept, 0 where it equals ignoreIndex; the target's shape. */
    private static Tensor keptMask(LongTensor target, long ignoreIndex) {
        long[] t = target.toLongArray();
        float[] mask = new float[t.length];
        for (int i = 0; i < t.length; i++) {
            mask[i] = t[i] == ignoreIndex ? 0f : 1f;
        }
        return Torch.fromArray(mask, target.shape().toArray());
    }

    /** The targets that are not ignored, as row indices of the class weight. */
    private static int[] kept(LongTensor target, long ignoreIndex) {
        return Arrays.stream(target.toLongArray()).filter(t -> t != ignoreIndex).mapToInt(t -> (int) t).toArray();
    }
}
