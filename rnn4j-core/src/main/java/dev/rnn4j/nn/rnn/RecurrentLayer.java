package dev.rnn4j.nn.rnn;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.autograd.Node;
import dev.rnn4j.kernel.ElmanGates;
import dev.rnn4j.kernel.GateMath;
import dev.rnn4j.kernel.Gemm;
import dev.rnn4j.kernel.GruGates;
import dev.rnn4j.kernel.Kernels;
import dev.rnn4j.kernel.LstmGates;
import dev.rnn4j.kernel.PackedMatrix;
import dev.rnn4j.kernel.RecurrentKernels;

import java.util.Arrays;


/**
 * One recurrent layer in one direction as a single fused operation, the way cuDNN and oneDNN
 * run it: the input projection of all steps is one GEMM, each step one {@code h·W_hhᵀ} GEMM
 * plus the fused gate arithmetic ({@link GateMath}), and the backward pass is
 * back-propagation through time with the same GEMMs. It records one node for the layer.
 *
 * <p>Rows are laid out step by step, {@code batchSizes[t]} rows for step t, longest sequence
 * first: a padded (L, N, I) input is the case where every step has N rows, and a
 * {@link PackedSequence}'s data is the general case, whose padded steps cost nothing. A
 * sequence's state row stays in place while it runs, so its final state is simply the last
 * value its row took, in either direction.
 */
public final class RecurrentLayer {

    /** PyTorch's recurrent modes. */
    public enum Kind {
        RNN_TANH, RNN_RELU, LSTM, GRU;

        GateMath gates(int hidden) {
            return switch (this) {
                case RNN_TANH -> new ElmanGates(hidden, false);
                case RNN_RELU -> new ElmanGates(hidden, true);
                case LSTM -> new LstmGates(hidden);
                case GRU -> new GruGates(hidden);
            };
        }
    }

    /** The weights of one layer and direction; biases and projection may be null. */
    public record Weights(Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh, Tensor wHr) {
    }

    /**
     * The weights' values as this forward read them: private copies, which the backward pass uses too, so it
     * sees the weights as they were at forward time whatever happens to the tensors in between.
     */
    record Values(float[] wIh, float[] wHh, float[] bIh, float[] bHh, float[] wHr) {
        static Values of(Weights w) {
            return new Values(w.wIh().toFloatArray(), w.wHh().toFloatArray(), copy(w.bIh()), copy(w.bHh()),
                    copy(w.wHr()));
        }

        private static float[] copy(Tensor t) {
            return t == null ? null : t.toFloatArray();
        }
    }

    /**
     * The layer's results.
     *
     * @param output    (rows, H') every step's h, in the input's row layout
     * @param lastHidden (N, H') each sequence's final h; lastCell (N, H) its final c, or null
     */
    public record Result(Tensor output, Tensor lastHidden, Tensor lastCell) {
    }

    private RecurrentLayer() {
    }

    /**
     * Runs the layer.
     *
     * @param x          (rows, I) or (L, N, I): the steps' rows, Σ batchSizes of them
     * @param batchSizes rows per step, non-increasing
     * @param outputShape the shape of the output tensor: (rows, H') or (L, N, H')
     * @param h0         (N, H') with H' the projection size or H; c0 (N, H) for an LSTM, else null
     * @param reverse    whether the layer reads the sequence from its last step to its first
     * @param gradName   the grad_fn name PyTorch shows for the output this layer stands for
     */
    public static Result run(Kind kind, Tensor x, int[] batchSizes, int[] outputShape, Tensor h0, Tensor c0,
                             Weights w, boolean reverse, String gradName) {
        Plan plan = new Plan(kind, x, batchSizes, w);
        float[] xs = x.toFloatArray();
        Values weights = Values.of(w);
        State s = plan.forward(xs, h0.toFloatArray(), c0 == null ? null : c0.toFloatArray(), weights, reverse);
        Tensor output = Torch.fromArray(s.out, outputShape);
        Tensor lastHidden = Torch.fromArray(s.curH, plan.batch, plan.hr);
        Tensor lastCell = s.curC == null ? null : Torch.fromArray(s.curC, plan.batch, plan.hidden);
        if (Torch.isGradEnabled() && needsGrad(x, h0, c0, w)) {
            Node node = new LayerBackward(gradName, plan, s, reverse, x, h0, c0, w, xs, weights);
            output.attachGradFn(node, 0);
            lastHidden.attachGradFn(node, 1);
            if (lastCell != null) {
                lastCell.attachGradFn(node, 2);
            }
        }
        return new Result(output, lastHidden, lastCell);
    }

    /** Every step's batch size N, L times: the row layout of a padded (L, N, ·) input. */
    public static int[] fullBatches(int steps, int batch) {
        int[] sizes = new int[steps];
        Arrays.fill(sizes, batch);
        return sizes;
    }

    private static boolean needsGrad(Tensor x, Tensor h0, Tensor c0, Weights w) {
        for (Tensor t : new Tensor[]{x, h0, c0, w.wIh(), w.wHh(), w.bIh(), w.bHh(), w.wHr()}) {
            if (t != null && t.requiresGrad()) {
                return true;
            }
        }
        return false;
    }

    /** Sizes and row offsets of one run. */
    static final class Plan {
        final GateMath math;
        final int[] batchSizes;
        final int[] rowStart;
        final int rows;
        final int batch;
        final int inputSize;
        final int hidden;
        final int hr;
        final int gh;
        final boolean projected;

        Plan(Kind kind, Tensor x, int[] batchSizes, Weights w) {
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
            this.hidden = gh / kindGates(kind);
            this.projected = w.wHr() != null;
            this.hr = projected ? w.wHr().size(0) : hidden;
            this.math = kind.gates(hidden);
        }

        private static int kindGates(Kind kind) {
            return kind == Kind.LSTM ? 4 : kind == Kind.GRU ? 3 : 1;
        }

        int steps() {
            return batchSizes.length;
        }

        /** The step at position s of the processing order. */
        int step(int s, boolean reverse) {
            return reverse ? steps() - 1 - s : s;
        }

        State forward(float[] xs, float[] h0, float[] c0, Values w, boolean reverse) {
            Gemm gemm = Kernels.gemm();
            State s = new State(this, h0, c0);
            // pre (rows, G·H) = X · W_ihᵀ + b_ih, every step at once
            gemm.gemm(false, true, rows, gh, inputSize, xs, 0, inputSize, w.wIh(), 0, inputSize, s.pre, 0, gh,
                    false);
            if (w.bIh() != null) {
                RecurrentKernels.addBiasRows(s.pre, 0, rows, gh, w.bIh(), 0);
            }
            // W_hhᵀ (H', G·H) and W_hrᵀ (H, H') laid out once for all steps
            PackedMatrix whT = gemm.pack(true, hr, gh, w.wHh(), 0, hr);
            PackedMatrix whrT = projected ? gemm.pack(true, hidden, hr, w.wHr(), 0, hidden) : null;
            float[] bh = w.bHh();
            float[] hh = new float[batch * gh];
            float[] stepH = projected ? s.hTilde : s.out;
            for (int i = 0; i < steps(); i++) {
                int t = step(i, reverse);
                int n = batchSizes[t];
                int r0 = rowStart[t];
                System.arraycopy(s.curH, 0, s.prevH, r0 * hr, n * hr);
                if (s.curC != null) {
                    System.arraycopy(s.curC, 0, s.prevC, r0 * hidden, n * hidden);
                }
                gemm.gemm(false, n, gh, hr, s.prevH, r0 * hr, hr, whT, hh, 0, gh, false);
                math.forward(n, hh, bh, s.pre, r0 * gh, s.prevH, r0 * hr, s.prevC, r0 * hidden,
                        stepH, r0 * hidden, s.cs, r0 * hidden, s.saved, r0 * math.savedPerRow());
                if (projected) {
                    gemm.gemm(false, n, hr, hidden, s.hTilde, r0 * hidden, hidden, whrT, s.out, r0 * hr, hr, false);
                }
                System.arraycopy(s.out, r0 * hr, s.curH, 0, n * hr);
                if (s.curC != null) {
                    System.arraycopy(s.cs, r0 * hidden, s.curC, 0, n * hidden);
                }
            }
            return s;
        }
    }

    /** The forward pass's buffers, kept for the backward pass. */
    static final class State {
        final float[] pre;
        final float[] out;
        final float[] hTilde;
        final float[] cs;
        final float[] prevH;
        final float[] prevC;
        final float[] saved;
        final float[] curH;
        final float[] curC;

        State(Plan p, float[] h0, float[] c0) {
            pre = new float[p.rows * p.gh];
            out = new float[p.rows * p.hr];
            hTilde = p.projected ? new float[p.rows * p.hidden] : null;
            cs = c0 == null ? null : new float[p.rows * p.hidden];
            prevH = new float[p.rows * p.hr];
            prevC = c0 == null ? null : new float[p.rows * p.hidden];
            saved = new float[p.rows * p.math.savedPerRow()];
            curH = h0.clone();
            curC = c0 == null ? null : c0.clone();
        }
    }
}
