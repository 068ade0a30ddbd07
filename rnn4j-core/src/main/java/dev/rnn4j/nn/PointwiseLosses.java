package dev.rnn4j.nn;

import dev.rnn4j.Reduction;
import dev.rnn4j.Shape;
import dev.rnn4j.Tensor;
import dev.rnn4j.autograd.Op;

import java.util.Arrays;

/**
 * The losses that compare input and target element by element: MSE and BCE-with-logits as the single nodes ATen
 * records (MseLossBackward0, BinaryCrossEntropyWithLogitsBackward0), L1 as the composite PyTorch 2 writes
 * ({@code (input − target).abs()}, then the reduction).
 */
final class PointwiseLosses {

    private PointwiseLosses() {
    }

    /** mean/sum/none of (x − y)², x and y broadcast together first, as {@code F.mse_loss}. */
    static Tensor mse(Tensor input, Tensor target, Reduction reduction) {
        int[] shape = Shape.broadcast(input.shape().toArray(), target.shape().toArray());
        Tensor x = expanded(input, shape);
        Tensor y = expanded(target, shape);
        Tensor diff = x.detach().sub(y.detach());
        Tensor out = reduce(diff.mul(diff), reduction);
        // d/dx = norm·(x − y)·g with norm = 2 (2/n for a mean); d/dy is its negative
        float norm = (float) (reduction == Reduction.MEAN ? 2.0 / diff.numel() : 2.0);
        return Op.record(out, "MseLossBackward0", Op.save(diff), (g, s) -> {
            Tensor gx = s.<Tensor>get(0).mul(norm).mul(g[0]);
            return new Tensor[]{gx, gx.neg()};
        }, x, y);
    }

    /** mean/sum/none of |x − y|, x and y broadcast together first, as {@code F.l1_loss}. */
    static Tensor l1(Tensor input, Tensor target, Reduction reduction) {
        int[] shape = Shape.broadcast(input.shape().toArray(), target.shape().toArray());
        return reduce(expanded(input, shape).sub(expanded(target, shape)).abs(), reduction);
    }

    /**
     * {@code F.binary_cross_entropy_with_logits}, PyTorch 2's formula: (1 − t)·x − lw·log σ(x), lw = 1 + (pw − 1)·t,
     * times the weight. Gradients reach input and target.
     */
    static Tensor bceWithLogits(Tensor input, Tensor target, Tensor weight, Tensor posWeight, Reduction reduction) {
        checkBce(input, target, weight, posWeight);
        Tensor x = input.detach();
        Tensor t = target.detach();
        Tensor w = weight == null ? null : weight.detach();
        Tensor pw = posWeight == null ? null : posWeight.detach();
        Tensor logSig = logSigmoid(x);
        Tensor weightedLogSig = pw == null ? logSig : logSig.mul(pw.sub(1f).mul(t).add(1f));
        Tensor loss = t.neg().add(1f).mul(x).sub(weightedLogSig);
        Tensor out = reduce(w == null ? loss : loss.mul(w), reduction);
        int count = reduction == Reduction.MEAN ? x.numel() : 1;
        return Op.record(out, "BinaryCrossEntropyWithLogitsBackward0", (g, s) -> {
            // d/dx = (pw·t + 1 − t)·σ(x) − pw·t, or σ(x) − t;  d/dt = log σ(−x) − pw·log σ(x), or −x
            Tensor dx = pw == null ? x.sigmoid().sub(t) : pw.mul(t).add(1f).sub(t).mul(x.sigmoid()).sub(pw.mul(t));
            Tensor dt = pw == null ? x.neg() : logSigmoid(x.neg()).sub(logSig.mul(pw));
            return new Tensor[]{scaled(dx, g[0], w, count), scaled(dt, g[0], w, count)};
        }, input, target);
    }

    /** log σ(x) = min(x, 0) − log1p(exp(−|x|)), without overflow. */
    private static Tensor logSigmoid(Tensor x) {
        return x.neg().relu().neg().sub(x.abs().neg().exp().log1p());
    }

    /** A gradient times the upstream g and the weight, divided by the element count for a mean. */
    private static Tensor scaled(Tensor d, Tensor g, Tensor w, int count) {
        Tensor out = d.mul(g);
        out = w == null ? out : out.mul(w);
        return count == 1 ? out : out.div(count);
    }

    /** PyTorch's checks: the target's shape, then pos_weight against the target and the weight into the input. */
    private static void checkBce(Tensor input, Tensor target, Tensor weight, Tensor posWeight) {
        int[] in = input.shape().toArray();
        if (!Arrays.equals(target.shape().toArray(), in)) {
            throw new IllegalArgumentException("Target size (" + target.shape() + ") must be the same as input size ("
                    + input.shape() + ")");
        }
        if (posWeight != null) {
            intoInput(Shape.broadcast(posWeight.shape().toArray(), in), in);
        }
        if (weight != null) {
            intoInput(Shape.broadcast(in, weight.shape().toArray()), in);
        }
    }

    /** An in-place product must keep the input's shape. */
    private static void intoInput(int[] broadcast, int[] in) {
        if (!Arrays.equals(broadcast, in)) {
            throw new IllegalArgumentException("output with shape " + Shape.list(in)
                    + " doesn't match the broadcast shape " + Shape.list(broadcast));
        }
    }

    private static Tensor expanded(Tensor t, int[] shape) {
        return Arrays.equals(t.shape().toArray(), shape) ? t : t.expand(shape);
    }

    static Tensor reduce(Tensor loss, Reduction reduction) {
        return switch (reduction) {
            case NONE -> loss;
            case MEAN -> loss.mean();
            case SUM -> loss.sum();
        };
    }
}
