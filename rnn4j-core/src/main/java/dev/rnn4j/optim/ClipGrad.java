package dev.rnn4j.optim;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.format.PythonRepr;
import dev.rnn4j.internal.storage.Storage;

import java.util.ArrayList;
import java.util.List;

/**
 * Gradient clipping, as {@code torch.nn.utils.clip_grad_norm_} and {@code clip_grad_value_}.
 * The gradients change in place; parameters without a gradient are skipped. A single tensor
 * passed as {@code params} counts as one parameter (not as its rows).
 *
 * <pre>{@code
 * loss.backward();
 * ClipGrad.clipGradNorm(model.parameters(), 1.0);   // returns the total norm before clipping
 * optimizer.step();
 * }</pre>
 */
public final class ClipGrad {

    private ClipGrad() {
    }

    /** {@link #clipGradNorm(Iterable, double, double, boolean)} with the 2-norm. */
    public static Tensor clipGradNorm(Iterable<? extends Tensor> params, double maxNorm) {
        return clipGradNorm(params, maxNorm, 2.0, false);
    }

    public static Tensor clipGradNorm(Iterable<? extends Tensor> params, double maxNorm, double normType) {
        return clipGradNorm(params, maxNorm, normType, false);
    }

    /**
     * Scales every gradient by {@code min(maxNorm / (total + 1e-6), 1)}, where {@code total} is the
     * {@code normType}-norm of all gradients together (the norm of their norms, as PyTorch computes
     * it); {@code normType} may be {@link Double#POSITIVE_INFINITY}. Returns the total norm (0-d).
     *
     * @throws IllegalStateException if {@code errorIfNonfinite} and the total norm is NaN or infinite;
     *                               the gradients are then left as they were
     */
    public static Tensor clipGradNorm(Iterable<? extends Tensor> params, double maxNorm, double normType,
                                      boolean errorIfNonfinite) {
        List<Tensor> grads = grads(params);
        Tensor total = getTotalNorm(grads, normType, errorIfNonfinite);
        clipGradsWithNorm(params, maxNorm, total);
        return total;
    }

    /** {@code get_total_norm}: the {@code normType}-norm of the tensors' norms (0-d; 0 when there are none). */
    public static Tensor getTotalNorm(Iterable<? extends Tensor> tensors, double normType, boolean errorIfNonfinite) {
        List<Tensor> list = asList(tensors);
        if (list.isEmpty()) {
            return Torch.scalar(0f);
        }
        float[] norms = new float[list.size()];
        for (int i = 0; i < norms.length; i++) {
            norms[i] = VectorNorm.norm(Storage.readOrCopy(list.get(i)), normType);
        }
        float total = VectorNorm.norm(norms, normType);
        if (errorIfNonfinite && !Float.isFinite(total)) {
            throw new IllegalStateException("The total norm of order " + PythonRepr.floatRepr(normType)
                    + " for gradients from `parameters` is non-finite, so it cannot be clipped. To disable this "
                    + "error and scale the gradients by the non-finite norm anyway, set `error_if_nonfinite=False`");
        }
        return Torch.scalar(total);
    }

    /**
     * {@code clip_grads_with_norm_}: scales the gradients by {@code min(maxNorm / (totalNorm + 1e-6), 1)},
     * computed in float32 as PyTorch does ({@code maxNorm / t} is {@code t.reciprocal() * maxNorm}).
     */
    public static void clipGradsWithNorm(Iterable<? extends Tensor> params, double maxNorm, Tensor totalNorm) {
        List<Tensor> grads = grads(params);
        if (grads.isEmpty()) {
            return;
        }
        float coefficient = 1f / (totalNorm.item() + (float) 1e-6) * (float) maxNorm;
        float clamped = Math.min(coefficient, 1f);
        try (var noGrad = Torch.noGrad()) {
            for (Tensor g : grads) {
                float[] values = valuesToWrite(g);
                for (int i = 0; i < values.length; i++) {
                    values[i] *= clamped;
                }
                writeBack(g, values);
            }
        }
    }

    /** Clamps every gradient element into {@code [-clipValue, clipValue]}; NaN stays NaN. */
    public static void clipGradValue(Iterable<? extends Tensor> params, double clipValue) {
        float hi = (float) clipValue;
        float lo = (float) -clipValue;
        try (var noGrad = Torch.noGrad()) {
            for (Tensor g : grads(params)) {
                float[] values = valuesToWrite(g);
                for (int i = 0; i < values.length; i++) {
                    values[i] = Float.isNaN(values[i]) ? values[i] : Math.min(Math.max(values[i], lo), hi);
                }
                writeBack(g, values);
            }
        }
    }

    /** The gradient's own array, its write counted, when it is all of it; else a copy for {@link #writeBack}. */
    private static float[] valuesToWrite(Tensor grad) {
        float[] own = Storage.write(grad);
        return own != null ? own : grad.toFloatArray();
    }

    /** Copies values into grad unless they are its own array already. */
    private static void writeBack(Tensor grad, float[] values) {
        if (values != Storage.read(grad)) {
            grad.copy_(Torch.fromArray(values, grad.shape().toArray()));
        }
    }

    private static List<Tensor> grads(Iterable<? extends Tensor> params) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor p : asList(params)) {
            if (p.grad() != null) {
                out.add(p.grad());
            }
        }
        return out;
    }

    private static List<Tensor> asList(Iterable<? extends Tensor> tensors) {
        if (tensors instanceof Tensor t) {
            return List.of(t);
        }
        List<Tensor> out = new ArrayList<>();
        tensors.forEach(out::add);
        return out;
    }
}
