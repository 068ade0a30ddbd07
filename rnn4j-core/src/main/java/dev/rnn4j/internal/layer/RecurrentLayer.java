package dev.rnn4j.internal.layer;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.autograd.Op;
import dev.rnn4j.internal.storage.Storage;
import dev.rnn4j.nn.RNNBase.Mode;

import java.util.Arrays;

/**
 * One recurrent layer in one direction as a single fused operation: each step is a {@code x·W_ihᵀ} and a
 * {@code h·W_hhᵀ} GEMM over its rows plus the cell's fused gate arithmetic ({@link CellStep}), the threads each
 * running all steps for their own sequences ({@link BatchSplit}); the backward pass ({@link LayerBackward}) is
 * back-propagation through time, with every weight gradient one GEMM over all rows. It records one node for the
 * layer.
 *
 * <p>Rows are laid out step by step, {@code batchSizes[t]} rows for step t, longest sequence first: a padded
 * (L, N, I) input is the case where every step has N rows, and a packed sequence's data is the general case,
 * whose padded steps cost nothing. A sequence's state row stays in place while it runs, so its final state is
 * simply the last value its row took, in either direction.
 */
public final class RecurrentLayer {

    /** The weights of one layer and direction; biases and projection may be null. */
    public record Weights(Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh, Tensor wHr) {
    }

    /**
     * The weights' values, read only: the tensors' own arrays where they are whole (no copy of a large W_hh per
     * call), else copies; and the tensors themselves. The backward pass reads them again from the tensors it saved,
     * which fails as PyTorch does if one was written in place in between.
     */
    record Values(float[] wIh, float[] wHh, float[] bIh, float[] bHh, float[] wHr, Weights tensors) {
        static Values of(Weights w) {
            return new Values(values(w.wIh()), values(w.wHh()), values(w.bIh()), values(w.bHh()), values(w.wHr()), w);
        }
    }

    /** t's values in row-major order, to read only (Storage.readOrCopy); null for null. */
    private static float[] values(Tensor t) {
        return t == null ? null : Storage.readOrCopy(t);
    }

    /**
     * The layer's results.
     *
     * @param output     (rows, H') every step's h, in the input's row layout
     * @param lastHidden (N, H') each sequence's final h; lastCell (N, H) its final c, or null
     * @param pooled     whether output lies in a pooled buffer: an intermediate layer's without a backward pass,
     *                   which the caller hands back ({@link #release}) once the next layer has read it
     */
    public record Result(Tensor output, Tensor lastHidden, Tensor lastCell, boolean pooled) {
    }

    private RecurrentLayer() {
    }

    /**
     * Runs the layer.
     *
     * @param x            (rows, I) or (L, N, I): the steps' rows, Σ batchSizes of them
     * @param batchSizes   rows per step, non-increasing
     * @param outputShape  the shape of the output tensor: (rows, H') or (L, N, H')
     * @param h0           (N, H') with H' the projection size or H; c0 (N, H) for an LSTM, else null
     * @param reverse      whether the layer reads the sequence from its last step to its first
     * @param gradName     the grad_fn name PyTorch shows for the output this layer stands for
     * @param intermediate whether only the next layer reads the output: without a backward pass it is then pooled
     */
    public static Result run(Mode mode, Tensor x, int[] batchSizes, int[] outputShape, Tensor h0, Tensor c0,
                             Weights w, boolean reverse, String gradName, boolean intermediate) {
        return run(mode, x, batchSizes, outputShape, h0, c0, w, reverse, gradName, false, intermediate);
    }

    /** Hands a pooled output ({@link Result#pooled}) back, once nothing reads it any more. */
    public static void release(Tensor pooledOutput) {
        ScratchPool.give(Storage.read(pooledOutput));
    }

    /**
     * A bidirectional layer: both directions, their outputs joined along the last dimension as {@code Torch.cat}
     * joins them (its node, CatBackward0). Each direction's own output is a pooled buffer, handed back once copied;
     * an intermediate layer's joined output is pooled too when no backward pass follows.
     *
     * @param outputShape the joined output's shape: (rows, 2·H') or (L, N, 2·H')
     * @param h0, c0, w   the forward direction's, then the reverse's
     * @return the joined output; each direction's final states (their output null)
     */
    public static Directions runBidirectional(Mode mode, Tensor x, int[] batchSizes, int[] outputShape, Tensor[] h0,
                                              Tensor[] c0, Weights[] w, String gradName, boolean intermediate) {
        int[] oneShape = outputShape.clone();
        oneShape[oneShape.length - 1] /= 2;
        Result[] r = new Result[2];
        for (int dir = 0; dir < 2; dir++) {
            r[dir] = run(mode, x, batchSizes, oneShape, h0[dir], c0[dir], w[dir], dir == 1, gradName, true, false);
        }
        Tensor forward = r[0].output(), reverse = r[1].output();
        boolean pooled = intermediate && !forward.requiresGrad() && !reverse.requiresGrad();
        Tensor joined = pooled ? joinRows(forward, reverse, outputShape)
                : Torch.cat(new Tensor[]{forward, reverse}, -1);
        ScratchPool.give(Storage.read(forward), Storage.read(reverse));
        return new Directions(joined, pooled, new Result(null, r[0].lastHidden(), r[0].lastCell(), false),
                new Result(null, r[1].lastHidden(), r[1].lastCell(), false));
    }

    /** A bidirectional layer's joined output (pooled: see {@link Result#pooled}) and each direction's final states. */
    public record Directions(Tensor output, boolean pooled, Result forward, Result reverse) {
    }

    /** Each row of a and of b side by side, in a pooled buffer: what cat(a, b, -1) gives, for no backward pass. */
    private static Tensor joinRows(Tensor a, Tensor b, int[] shape) {
        float[] x = Storage.read(a), y = Storage.read(b);
        int wa = a.size(-1), wb = b.size(-1), rows = x.length / wa;
        float[] joined = ScratchPool.take(rows * (wa + wb));
        for (int r = 0; r < rows; r++) {
            System.arraycopy(x, r * wa, joined, r * (wa + wb), wa);
            System.arraycopy(y, r * wb, joined, r * (wa + wb) + wa, wb);
        }
        return Torch.fromArray(joined, shape);
    }

    /**
     * Runs the layer; its output in a pooled buffer when the caller joins it and gives the buffer back (joined), or
     * when only the next layer reads it and no backward pass follows (intermediate).
     */
    private static Result run(Mode mode, Tensor x, int[] batchSizes, int[] outputShape, Tensor h0, Tensor c0,
                              Weights w, boolean reverse, String gradName, boolean joined, boolean intermediate) {
        Plan plan = new Plan(mode, x, batchSizes, w);
        Tensor[] inputs = {x, h0, c0, w.wIh(), w.wHh(), w.bIh(), w.bHh(), w.wHr()};
        boolean backward = Op.needsGrad(inputs);
        boolean pooled = joined || intermediate && !backward;
        float[] xs = values(x);
        Values weights = Values.of(w);
        LayerState s = plan.forward(xs, h0.toFloatArray(), c0 == null ? null : c0.toFloatArray(), weights, reverse,
                backward, pooled);
        Tensor output = Torch.fromArray(s.out, outputShape);
        Tensor lastHidden = Torch.fromArray(s.curH, plan.batch, plan.hr);
        Tensor lastCell = s.curC == null ? null : Torch.fromArray(s.curC, plan.batch, plan.hidden);
        if (backward) {
            LayerBackward bptt = new LayerBackward(plan, reverse, x.shape().toArray(), inputs);
            Object[] saved = Op.save(s, x, w.wIh(), w.wHh(), w.bIh(), w.bHh(), w.wHr());
            Op.record(new Tensor[]{output, lastHidden, lastCell}, gradName, saved, bptt, inputs);
        } else {
            s.release();
        }
        return new Result(output, lastHidden, lastCell, pooled && !joined);
    }

    /** Every step's batch size N, L times: the row layout of a padded (L, N, ·) input. */
    public static int[] fullBatches(int steps, int batch) {
        int[] sizes = new int[steps];
        Arrays.fill(sizes, batch);
        return sizes;
    }
}
