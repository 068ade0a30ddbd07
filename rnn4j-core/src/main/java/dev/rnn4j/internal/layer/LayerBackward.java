package dev.rnn4j.internal.layer;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.autograd.Op;
import dev.rnn4j.internal.kernel.Kernels;
import dev.rnn4j.internal.kernel.gates.RowOps;
import dev.rnn4j.internal.kernel.gemm.Gemm;
import dev.rnn4j.internal.kernel.gemm.PackedMatrix;
import dev.rnn4j.internal.parallel.Parallel;
import dev.rnn4j.internal.storage.Storage;

/**
 * Back-propagation through time for one {@link RecurrentLayer} run. It walks the steps in the reverse of their
 * processing order, carrying for every sequence the gradient at its current state (h, and c for an LSTM), then
 * forms every weight gradient with one GEMM over all rows.
 */
final class LayerBackward implements Op.Backward {

    /** The layer's inputs, in the order the node records them. */
    private static final int X = 0, H0 = 1, C0 = 2, W_IH = 3, W_HH = 4, B_IH = 5, B_HH = 6, W_HR = 7;

    /** Rows per task of a parallel copy: a few tens of kilobytes. */
    private static final int ROWS_PER_COPY_TASK = 64;

    private final Plan plan;
    private final boolean reverse;
    private final int[] inputShape;
    private final boolean[] needs;

    LayerBackward(Plan plan, boolean reverse, int[] inputShape, Tensor[] inputs) {
        this.plan = plan;
        this.reverse = reverse;
        this.inputShape = inputShape;
        this.needs = new boolean[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            needs[i] = inputs[i] != null && inputs[i].requiresGrad();
        }
    }

    /** The output's gradient may be a view (a slice of a bidirectional layer's, a sum's broadcast): read as it is. */
    @Override
    public boolean takesAnyLayout() {
        return true;
    }

    /** grads: (output, h_n, c_n); saved: the forward's {@link LayerState}, its input and its weight tensors. */
    @Override
    public Tensor[] apply(Tensor[] grads, Op.Saved saved) {
        LayerState s = saved.get(0);
        float[] xs = Storage.readOrCopy(saved.get(1));
        RecurrentLayer.Values w = RecurrentLayer.Values.of(new RecurrentLayer.Weights(saved.get(2), saved.get(3),
                saved.get(4), saved.get(5), saved.get(6)));
        Plan p = plan;
        CellStep step = p.step;
        Gemm gemm = Kernels.gemm();
        float[] dOut = grads[0] == null ? null : Storage.readOrCopy(grads[0], ScratchPool::take);
        float[] dH = grads[1] == null ? new float[p.batch * p.hr] : grads[1].toFloatArray();
        float[] dC = s.curC == null ? null
                : grads[2] != null ? grads[2].toFloatArray() : new float[p.batch * p.hidden];
        float[] dPre = ScratchPool.take(p.rows * p.gh);
        float[] dHh = step.splitsGateGradient() ? ScratchPool.take(p.rows * p.gh) : dPre;
        float[] dProj = p.projected ? ScratchPool.take(p.rows * p.hr) : null;   // the gradient at each projected h
        float[] dStep = ScratchPool.take(p.batch * p.hr);
        float[] dTilde = p.projected ? ScratchPool.take(p.batch * p.hidden) : dStep;
        float[] dDirect = step.directPath() ? ScratchPool.take(p.batch * p.hidden) : null;
        // W_hh (G·H, H') and W_hr (H', H) laid out once for all steps
        PackedMatrix whP = gemm.pack(false, p.gh, p.hr, w.wHh(), 0, p.hr, ScratchPool::take);
        PackedMatrix whrP = p.projected ? gemm.pack(false, p.hr, p.hidden, w.wHr(), 0, p.hidden, ScratchPool::take)
                : null;
        BatchSplit.run(p.batch, p.gh, p.hr, p.stepWeights(false), (b0, b1) -> backwardSteps(b0, b1, gemm, s, dOut,
                dH, dC, dPre, dHh, dProj, dStep, dTilde, dDirect, whP, whrP));
        Tensor[] result = gradients(gemm, s, xs, w.wIh(), dPre, dHh, dProj, dH, dC);
        for (Tensor g : result) {
            Op.fresh(g);   // each made here, for its input alone
        }
        ScratchPool.give(dPre, dHh == dPre ? null : dHh, dProj, dStep, dTilde == dStep ? null : dTilde, dDirect,
                dOut == null || dOut == Storage.read(grads[0]) ? null : dOut);
        PackedWeights.release(whP, whrP);
        return result;
    }

    /** Every step, last first, for the sequences [b0, b1): rows b0.. of each step and of the batch buffers. */
    private void backwardSteps(int b0, int b1, Gemm gemm, LayerState s, float[] dOut, float[] dH, float[] dC,
                               float[] dPre, float[] dHh, float[] dProj, float[] dStep, float[] dTilde,
                               float[] dDirect, PackedMatrix whP, PackedMatrix whrP) {
        Plan p = plan;
        for (int i = p.steps() - 1; i >= 0; i--) {
            int t = p.step(i, reverse);
            int n = Math.min(p.batchSizes[t], b1) - b0;
            if (n <= 0) {
                continue;
            }
            int r0 = p.rowStart[t] + b0;
            if (dOut != null) {
                RowOps.sum(dH, b0 * p.hr, dOut, r0 * p.hr, dStep, b0 * p.hr, n * p.hr);
            } else {
                System.arraycopy(dH, b0 * p.hr, dStep, b0 * p.hr, n * p.hr);
            }
            if (p.projected) {
                System.arraycopy(dStep, b0 * p.hr, dProj, r0 * p.hr, n * p.hr);
                gemm.gemm(false, n, p.hidden, p.hr, dStep, b0 * p.hr, p.hr, whrP, dTilde, b0 * p.hidden, p.hidden,
                        false);
            }
            p.step.backward(b0, b0 + n, p.rowStart[t], dTilde, dC, s, dPre, dHh, dDirect);
            // the gradient at the previous state: through W_hh, plus GRU's direct path
            if (dDirect != null) {
                System.arraycopy(dDirect, b0 * p.hr, dH, b0 * p.hr, n * p.hr);
            }
            gemm.gemm(false, n, p.hr, p.gh, dHh, r0 * p.gh, p.gh, whP, dH, b0 * p.hr, p.hr, dDirect != null);
        }
    }

    private Tensor[] gradients(Gemm gemm, LayerState s, float[] xs, float[] wi, float[] dPre,
                               float[] dHh, float[] dProj, float[] dH, float[] dC) {
        Plan p = plan;
        Tensor[] result = new Tensor[8];
        if (needs[X]) {
            float[] dx = new float[p.rows * p.inputSize];
            gemm.gemm(false, false, p.rows, p.inputSize, p.gh, dPre, 0, p.gh, wi, 0, p.inputSize, dx, 0,
                    p.inputSize, false);
            result[X] = Torch.fromArray(dx, inputShape);
        }
        if (needs[H0]) {
            result[H0] = Torch.fromArray(dH, p.batch, p.hr);
        }
        if (needs[C0]) {
            result[C0] = Torch.fromArray(dC, p.batch, p.hidden);
        }
        if (needs[W_IH] && needs[W_HH] && dHh == dPre) {
            Tensor[] both = weightGrads(gemm, dPre, xs, p.inputSize, s.prevH, p.hr);
            result[W_IH] = both[0];
            result[W_HH] = both[1];
        } else {
            if (needs[W_IH]) {
                result[W_IH] = weightGrad(gemm, dPre, p.gh, xs, p.inputSize);
            }
            if (needs[W_HH]) {
                result[W_HH] = weightGrad(gemm, dHh, p.gh, s.prevH, p.hr);
            }
        }
        if (needs[B_IH]) {
            result[B_IH] = columnSums(dPre);
        }
        if (needs[B_HH]) {
            // one gate gradient feeds both biases unless the cell splits it (GRU): the same sums, taken once
            result[B_HH] = dHh == dPre && result[B_IH] != null
                    ? Torch.fromArray(result[B_IH].toFloatArray(), plan.gh) : columnSums(dHh);
        }
        if (needs[W_HR]) {
            result[W_HR] = weightGrad(gemm, dProj, p.hr, s.hTilde, p.hidden);
        }
        return result;
    }

    /** dW (outRows, cols) = dYᵀ · Z over all rows: dY is (rows, outRows), Z (rows, cols). */
    private Tensor weightGrad(Gemm gemm, float[] dY, int outRows, float[] z, int cols) {
        float[] dW = new float[outRows * cols];
        gemm.gemm(true, false, outRows, cols, plan.rows, dY, 0, outRows, z, 0, cols, dW, 0, cols, false);
        return Torch.fromArray(dW, outRows, cols);
    }

    /**
     * dY·[Z1 Z2] as one product, then split: (dW1 dW2) = dYᵀ·(Z1 Z2) over all rows. Each element is the same sum
     * as in its own product, but the large dY is laid out for the kernel once instead of twice.
     */
    private Tensor[] weightGrads(Gemm gemm, float[] dY, float[] z1, int cols1, float[] z2, int cols2) {
        int rows = plan.rows, gh = plan.gh, cols = cols1 + cols2;
        float[] z = ScratchPool.take(rows * cols);
        // copies of megabytes, on every thread: on one they left the others idle for a tenth of a millisecond
        Parallel.parallelFor(rows, ROWS_PER_COPY_TASK, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                System.arraycopy(z1, r * cols1, z, r * cols, cols1);
                System.arraycopy(z2, r * cols2, z, r * cols + cols1, cols2);
            }
        });
        float[] dW = ScratchPool.take(gh * cols);
        gemm.gemm(true, false, gh, cols, rows, dY, 0, gh, z, 0, cols, dW, 0, cols, false);
        float[] dW1 = new float[gh * cols1];
        float[] dW2 = new float[gh * cols2];
        Parallel.parallelFor(gh, ROWS_PER_COPY_TASK, (g0, g1) -> {
            for (int g = g0; g < g1; g++) {
                System.arraycopy(dW, g * cols, dW1, g * cols1, cols1);
                System.arraycopy(dW, g * cols + cols1, dW2, g * cols2, cols2);
            }
        });
        ScratchPool.give(z, dW);
        return new Tensor[]{Torch.fromArray(dW1, gh, cols1), Torch.fromArray(dW2, gh, cols2)};
    }

    private Tensor columnSums(float[] m) {
        float[] db = new float[plan.gh];
        RowOps.addColumnSums(m, 0, plan.rows, plan.gh, db, 0);
        return Torch.fromArray(db, plan.gh);
    }
}
