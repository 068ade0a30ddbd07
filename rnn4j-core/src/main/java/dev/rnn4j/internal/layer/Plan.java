package dev.rnn4j.internal.layer;

import dev.rnn4j.Tensor;
import dev.rnn4j.internal.kernel.Kernels;
import dev.rnn4j.internal.kernel.gates.RowOps;
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

    int steps() {
        return batchSizes.length;
    }

    /** The step at position s of the processing order. */
    int step(int s, boolean reverse) {
        return reverse ? steps() - 1 - s : s;
    }

    /** Runs every step; xs (rows, I), h0 (N, H'), c0 (N, H) or null; keep: whether a backward pass follows. */
    LayerState forward(float[] xs, float[] h0, float[] c0, RecurrentLayer.Values w, boolean reverse, boolean keep) {
        Gemm gemm = Kernels.gemm();
        LayerState s = new LayerState(this, h0, c0, keep);
        // pre (rows, G·H) = X · W_ihᵀ + b_ih, every step at once
        gemm.gemm(false, true, rows, gh, inputSize, xs, 0, inputSize, w.wIh(), 0, inputSize, s.pre, 0, gh, false);
        if (w.bIh() != null) {
            RowOps.addBiasRows(s.pre, 0, rows, gh, w.bIh(), 0);
        }
        // W_hhᵀ (H', G·H) and W_hrᵀ (H, H') laid out once for all steps
        PackedMatrix whT = gemm.pack(true, hr, gh, w.wHh(), 0, hr);
        PackedMatrix whrT = projected ? gemm.pack(true, hidden, hr, w.wHr(), 0, hidden) : null;
        float[] hh = new float[batch * gh];
        float[] stepH = projected ? s.hTilde : s.out;
        for (int i = 0; i < steps(); i++) {
            int t = step(i, reverse);
            int n = batchSizes[t];
            int r0 = rowStart[t];
            int sr = s.stateRow(r0);
            System.arraycopy(s.curH, 0, s.prevH, sr * hr, n * hr);
            if (s.curC != null) {
                System.arraycopy(s.curC, 0, s.prevC, sr * hidden, n * hidden);
            }
            gemm.gemm(false, n, gh, hr, s.prevH, sr * hr, hr, whT, hh, 0, gh, false);
            step.forward(n, r0, hh, w.bHh(), s, stepH, projected ? sr : r0);
            if (projected) {
                gemm.gemm(false, n, hr, hidden, s.hTilde, sr * hidden, hidden, whrT, s.out, r0 * hr, hr, false);
            }
            System.arraycopy(s.out, r0 * hr, s.curH, 0, n * hr);
            if (s.curC != null) {
                System.arraycopy(s.cs, sr * hidden, s.curC, 0, n * hidden);
            }
        }
        return s;
    }
}
