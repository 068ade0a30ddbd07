package dev.rnn4j.internal.layer;

import dev.rnn4j.Tensor;
import dev.rnn4j.internal.kernel.Kernels;
import dev.rnn4j.internal.kernel.gemm.Gemm;
import dev.rnn4j.internal.kernel.gemm.PackedMatrix;
import dev.rnn4j.nn.RNNBase.Mode;

/**
 * The sizes and row layout of one layer run, and its forward pass. Rows are laid out step by step,
 * {@code batchSizes[t]} rows for step t starting at {@code rowStart[t]}.
 */
final class Plan {
    final CellStep step;
    final int[] batchSizes;
    final int[] rowStart;
    final int rows;
    final int batch;
    final int inputSize;
    /** H, the size of c and of h before the projection. */
    final int hidden;
    /** H', the size of h: the projection's or H. */
    final int hr;
    /** G·H, the rows of W_ih and W_hh. */
    final int gh;
    final boolean projected;

    Plan(Mode mode, Tensor x, int[] batchSizes, RecurrentLayer.Weights w) {
        this.batchSizes = batchSizes.clone();
        this.rowStart = new int[batchSizes.length];
        int total = 0;
        for (int t = 0; t < batchSizes.length; t++) {
            rowStart[t] = total;
            total += batchSizes[t];
        }
        this.rows = total;
        this.batch = batchSizes[0];
        this.inputSize = x.size(-1);
        this.gh = w.wIh().size(0);
        this.hidden = gh / mode.gates();
        this.projected = w.wHr() != null;
        this.hr = projected ? w.wHr().size(0) : hidden;
        this.step = CellStep.of(mode, hidden);
    }

    /**
     * Floats of weights every step reads: W_hh and W_hr, and W_ih when its product runs step by step (inputByStep).
     */
    long stepWeights(boolean inputByStep) {
        return (long) gh * (hr + (inputByStep ? inputSize : 0)) + (projected ? (long) hidden * hr : 0);
    }

    int steps() {
        return batchSizes.length;
    }

    /** The step at position s of the processing order. */
    int step(int s, boolean reverse) {
        return reverse ? steps() - 1 - s : s;
    }

    /**
     * Runs every step; xs (rows, I), h0 (N, H'), c0 (N, H) or null; keep: whether a backward pass follows;
     * pooledOutput: whether the output goes to a pooled buffer (which its caller hands back).
     */
    LayerState forward(float[] xs, float[] h0, float[] c0, RecurrentLayer.Values w, boolean reverse, boolean keep,
                       boolean pooledOutput) {
        Gemm gemm = Kernels.gemm();
        LayerState s = new LayerState(this, h0, c0, keep, pooledOutput);
        // W_hhᵀ (H', G·H), W_hrᵀ (H, H') and, used step by step, W_ihᵀ (I, G·H) laid out once for all steps.
        // x·W_ihᵀ: step by step for a step's rows (of a tile's height or more), just before its gates read them;
        // for a few rows, one GEMM over all steps before (a GEMM call per step of one row costs more than it does)
        boolean byStep = batch >= BatchSplit.MIN_ROWS;
        // (kept between runs without a backward pass while the weights stay as they are: PackedWeights)
        RecurrentLayer.Weights t = w.tensors();
        PackedMatrix wiT = byStep ? PackedWeights.transposed(gemm, t.wIh(), w.wIh(), inputSize, gh, !keep) : null;
        PackedMatrix whT = PackedWeights.transposed(gemm, t.wHh(), w.wHh(), hr, gh, !keep);
        PackedMatrix whrT = projected ? PackedWeights.transposed(gemm, t.wHr(), w.wHr(), hidden, hr, !keep) : null;
        float[] hh = ScratchPool.take(batch * gh);
        float[] pre = ScratchPool.take((byStep ? batch : rows) * gh);
        if (!byStep) {
            gemm.gemm(false, true, rows, gh, inputSize, xs, 0, inputSize, w.wIh(), 0, inputSize, pre, 0, gh, false);
        }
        BatchSplit.run(batch, gh, hr, stepWeights(byStep), (b0, b1) -> forwardSteps(b0, b1, gemm, s, xs, w, wiT,
                whT, whrT, pre, hh, reverse));
        ScratchPool.give(hh, pre);
        if (keep) {
            PackedWeights.release(wiT, whT, whrT);
        }
        return s;
    }

    /** Every step for the sequences [b0, b1): rows b0.. of each step, the same arithmetic whoever runs them. */
    private void forwardSteps(int b0, int b1, Gemm gemm, LayerState s, float[] xs, RecurrentLayer.Values w,
                              PackedMatrix wiT, PackedMatrix whT, PackedMatrix whrT, float[] pre, float[] hh,
                              boolean reverse) {
        float[] stepH = projected ? s.hTilde : s.out;
        for (int i = 0; i < steps(); i++) {
            int t = step(i, reverse);
            int n = Math.min(batchSizes[t], b1) - b0;
            if (n <= 0) {
                continue;
            }
            int r0 = rowStart[t] + b0;
            int sr = s.stateRow(rowStart[t]) + b0;
            System.arraycopy(s.curH, b0 * hr, s.prevH, sr * hr, n * hr);
            if (s.curC != null) {
                System.arraycopy(s.curC, b0 * hidden, s.prevC, sr * hidden, n * hidden);
            }
            // the step's rows of x·W_ihᵀ (the gates add b_ih): pre from its row 0 at preOff
            int preOff = wiT == null ? rowStart[t] * gh : 0;
            if (wiT != null) {
                gemm.gemm(false, n, gh, inputSize, xs, r0 * inputSize, inputSize, wiT, pre, b0 * gh, gh, false);
            }
            gemm.gemm(false, n, gh, hr, s.prevH, sr * hr, hr, whT, hh, b0 * gh, gh, false);
            step.forward(b0, b0 + n, rowStart[t], hh, w.bHh(), w.bIh(), pre, preOff, s, stepH,
                    projected ? sr - b0 : rowStart[t]);
            if (projected) {
                gemm.gemm(false, n, hr, hidden, s.hTilde, sr * hidden, hidden, whrT, s.out, r0 * hr, hr, false);
            }
            System.arraycopy(s.out, r0 * hr, s.curH, b0 * hr, n * hr);
            if (s.curC != null) {
                System.arraycopy(s.cs, sr * hidden, s.curC, b0 * hidden, n * hidden);
            }
        }
    }
}
