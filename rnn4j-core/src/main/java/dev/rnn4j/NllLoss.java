package dev.rnn4j;

import dev.rnn4j.autograd.Op;
import dev.rnn4j.internal.storage.Storage;

import java.util.Arrays;

/**
 * The negative log likelihood loss, as ATen's {@code nll_loss_nd}: input (C), (N, C) or (N, C, d1, …) of
 * log-probabilities, target of class indices (), (N) or (N, d1, …). Each target picks −w[t]·input[…, t, …]; a
 * target equal to {@code ignoreIndex} contributes nothing, and the mean divides by the summed weights of the
 * rest. Inputs of 1–2 dimensions record NllLossBackward0, more record NllLoss2DBackward0 (through a (N, C, 1, −1)
 * view except for 4-D inputs, as PyTorch does). Every check runs before anything is computed.
 */
final class NllLoss {

    private NllLoss() {
    }

    static Tensor nllLoss(Tensor input, LongTensor target, Tensor weight, Reduction reduction, long ignoreIndex) {
        if (input.dim() < 1) {
            throw new IllegalArgumentException("Expected 1 or more dimensions (got " + input.dim() + ")");
        }
        int[] targetShape = target.shape().toArray();
        if (input.dim() != 1 && input.shape[0] != (targetShape.length == 0 ? 0 : targetShape[0])) {
            throw new IllegalArgumentException("Expected input batch_size (" + input.shape[0]
                    + ") to match target batch_size (" + (targetShape.length == 0 ? 0 : targetShape[0]) + ").");
        }
        if (input.dim() <= 2) {
            return flat(input, target, weight, reduction, ignoreIndex);
        }
        return spatial(input, target, weight, reduction, ignoreIndex);
    }

    /** (C) or (N, C): NllLossBackward0. */
    private static Tensor flat(Tensor input, LongTensor target, Tensor weight, Reduction reduction, long ignore) {
        if (target.dim() > 1) {
            throw new IllegalArgumentException("0D or 1D target tensor expected, multi-target not supported");
        }
        if (input.dim() == 1 && target.dim() == 1 && target.numel() != 1) {
            throw new IllegalArgumentException("For 1D input, 1D target must have size 1, but got target size: "
                    + target.numel());
        }
        int classes = input.shape[input.dim() - 1];
        if (weight != null && (weight.dim() != 1 || weight.numel() != classes)) {
            throw new IllegalArgumentException("weight tensor should be defined either for all " + classes
                    + " classes or no classes but got weight tensor of shape: " + Shape.list(weight.shape));
        }
        int batch = input.dim() == 1 ? 1 : input.shape[0];
        int[] noneShape = input.dim() == 1 ? new int[0] : new int[]{batch};
        return kernel(input, new Layout(batch, classes, 1, noneShape), target, weight, reduction, ignore,
                "NllLossBackward0");
    }

    /** (N, C, d1, …): NllLoss2DBackward0, on a (N, C, H, W) input as nll_loss2d sees it. */
    private static Tensor spatial(Tensor input, LongTensor target, Tensor weight, Reduction reduction, long ignore) {
        int n = input.shape[0];
        int classes = input.shape[1];
        int[] spatial = Arrays.copyOfRange(input.shape, 2, input.dim());
        int[] targetShape = target.shape().toArray();
        if (input.dim() == 4 && target.dim() != 3) {
            throw new IllegalArgumentException("only batches of spatial targets supported (3D tensors) but got "
                    + "targets of dimension: " + target.dim());
        }
        if (input.dim() == 4 && !Arrays.equals(Arrays.copyOfRange(targetShape, 1, 3), spatial)) {
            throw new IllegalArgumentException("size mismatch (got input: " + Shape.list(input.shape)
                    + " , target: " + Shape.list(targetShape));
        }
        int[] outShape = prepend(n, spatial);
        if (input.dim() != 4 && !Arrays.equals(targetShape, outShape)) {
            throw new IllegalArgumentException("Expected target size " + Shape.list(outShape) + ", got "
                    + Shape.list(targetShape));
        }
        if (weight != null && weight.numel() != classes) {
            throw new IllegalArgumentException("weight tensor should be defined either for all or no classes");
        }
        int map = Shape.numel(spatial);
        if (input.dim() == 4) {
            return kernel(input, new Layout(n, classes, map, outShape), target, weight, reduction, ignore,
                    "NllLoss2DBackward0");
        }
        // as nll_loss_nd: a (N, C, 1, S) view through nll_loss2d, its unreduced (N, 1, S) result viewed back
        Tensor contiguous = input.contiguous();
        Tensor as4d = input.numel() > 0 ? contiguous.view(n, classes, 1, -1) : contiguous.view(n, classes, 0, 0);
        Tensor out = kernel(as4d, new Layout(n, classes, map, new int[]{n, 1, map}), target, weight, reduction,
                ignore, "NllLoss2DBackward0");
        return reduction == Reduction.NONE ? out.view(outShape) : out;
    }

    /** The input read as (batch, classes, map) in row-major order; the unreduced loss has shape {@code none}. */
    private record Layout(int batch, int classes, int map, int[] none) {
        int at(int b, long t, int s) {
            return (int) ((b * (long) classes + t) * map + s);
        }
    }

    private static Tensor kernel(Tensor input, Layout l, LongTensor target, Tensor weight, Reduction reduction,
                                 long ignore, String name) {
        long[] t = target.toLongArray();
        for (long c : t) {
            if (c != ignore && (c < 0 || c >= l.classes)) {
                throw new IllegalArgumentException("Target " + c + " is out of bounds.");
            }
        }
        float[] x = Storage.readOrCopy(input);   // read only: the input's own array when it is whole
        float[] w = weight == null ? null : weight.toFloatArray();
        Tensor out;
        float total;
        if (reduction == Reduction.NONE) {
            out = new Tensor(unreduced(x, t, w, l, ignore), l.none.clone());
            total = 0;
        } else {
            float[] sums = sums(x, t, w, l, ignore);
            total = sums[1];
            out = new Tensor(new float[]{reduction == Reduction.MEAN ? sums[0] / total : sums[0]}, new int[0]);
        }
        int[] shape = input.shape.clone();
        return Op.record(out, name, g -> new Tensor(gradient(g.toFloatArray(), t, w, l, ignore, reduction, total),
                shape), input);
    }

    /** −w[t]·x at each target; 0 where ignored. */
    private static float[] unreduced(float[] x, long[] t, float[] w, Layout l, long ignore) {
        float[] out = new float[t.length];
        for (int b = 0; b < l.batch; b++) {
            for (int s = 0; s < l.map; s++) {
                long c = t[b * l.map + s];
                out[b * l.map + s] = c == ignore ? 0f : -x[l.at(b, c, s)] * weightOf(w, c);
            }
        }
        return out;
    }

    /** {Σ −w[t]·x, Σ w[t]} over the targets that are not ignored. */
    private static float[] sums(float[] x, long[] t, float[] w, Layout l, long ignore) {
        double loss = 0;
        double total = 0;
        for (int b = 0; b < l.batch; b++) {
            for (int s = 0; s < l.map; s++) {
                long c = t[b * l.map + s];
                if (c != ignore) {
                    loss -= x[l.at(b, c, s)] * weightOf(w, c);
                    total += weightOf(w, c);
                }
            }
        }
        return new float[]{(float) loss, (float) total};
    }

    /** d/dx: −w[t]·g at each target position (g divided by the total weight for a mean), 0 elsewhere. */
    private static float[] gradient(float[] g, long[] t, float[] w, Layout l, long ignore, Reduction reduction,
                                    float total) {
        float[] grad = new float[l.batch * l.classes * l.map];
        for (int b = 0; b < l.batch; b++) {
            for (int s = 0; s < l.map; s++) {
                long c = t[b * l.map + s];
                if (c == ignore) {
                    continue;
                }
                float upstream = reduction == Reduction.NONE ? g[b * l.map + s] : g[0];
                float scaled = -(reduction == Reduction.MEAN ? upstream / total : upstream);
                grad[l.at(b, c, s)] = w == null ? scaled : w[(int) c] * scaled;
            }
        }
        return grad;
    }

    private static float weightOf(float[] w, long c) {
        return w == null ? 1f : w[(int) c];
    }

    private static int[] prepend(int first, int[] rest) {
        int[] out = new int[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }
}
