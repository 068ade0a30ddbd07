package dev.rnn4j.nn.rnn;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.autograd.Node;
import dev.rnn4j.kernel.GateMath;
import dev.rnn4j.kernel.Gemm;
import dev.rnn4j.kernel.Kernels;
import dev.rnn4j.kernel.PackedMatrix;
import dev.rnn4j.kernel.RecurrentKernels;

/**
 * Back-propagation through time for one {@link RecurrentLayer} run. It walks the steps in the
 * reverse of their processing order, carrying for every sequence the gradient at its current
 * state (h, and c for an LSTM), then forms every weight gradient with one GEMM over all rows.
 */
final class LayerBackward extends Node {

    private static final int X = 0, H0 = 1, C0 = 2, W_IH = 3, W_HH = 4, B_IH = 5, B_HH = 6, W_HR = 7;

    private final RecurrentLayer.Plan plan;
    private final boolean reverse;
    private final boolean[] needs;
    private final int outputs;
    private final int[] inputShape;

    LayerBackward(String name, RecurrentLayer.Plan plan, RecurrentLayer.State state, boolean reverse,
                  Tensor x, Tensor h0, Tensor c0, RecurrentLayer.Weights w, float[] xs,
                  RecurrentLayer.Values values) {
        super(name, x, h0, c0, w.wIh(), w.wHh(), w.bIh(), w.bHh(), w.wHr());
        this.plan = plan;
        this.reverse = reverse;
        this.outputs = c0 == null ? 2 : 3;
        this.inputShape = x.shape().toArray();
        Tensor[] inputs = {x, h0, c0, w.wIh(), w.wHh(), w.bIh(), w.bHh(), w.wHr()};
        this.needs = new boolean[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            needs[i] = inputs[i] != null && inputs[i].requiresGrad();
        }
        save(state, xs, values.wIh(), values.wHh(), values.wHr());   // the forward's own copies
    }

    @Override
    public int numOutputs() {
        return outputs;
    }

    @Override
    protected Tensor[] backward(Tensor[] grads) {
        RecurrentLayer.State s = saved(0);
        float[] xs = saved(1);
        float[] wi = saved(2);
        float[] wh = saved(3);
        float[] whr = saved(4);
        RecurrentLayer.Plan p = plan;
        GateMath math = p.math;
        Gemm gemm = Kernels.gemm();
        float[] dOut = grads[0] == null ? null : grads[0].toFloatArray();
        float[] dH = grads[1] == null ? new float[p.batch * p.hr] : grads[1].toFloatArray();
        float[] dC = math.hasCell() ? (outputs > 2 && grads[2] != null ? grads[2].toFloatArray()
                : new float[p.batch * p.hidden]) : null;
        float[] dPre = new float[p.rows * p.gh];
        float[] dHh = math.splitsGateGradient() ? new float[p.rows * p.gh] : dPre;
        float[] dProj = p.projected ? new float[p.rows * p.hr] : null;   // the gradient at each projected h
        float[] dStep = new float[p.batch * p.hr];
        float[] dTilde = p.projected ? new float[p.batch * p.hidden] : dStep;
        float[] dDirect = math.hasDirectPath() ? new float[p.batch * p.hidden] : null;
        // W_hh (G·H, H') and W_hr (H', H) laid out once for all steps
        PackedMatrix whP = gemm.pack(false, p.gh, p.hr, wh, 0, p.hr);
        PackedMatrix whrP = p.projected ? gemm.pack(false, p.hr, p.hidden, whr, 0, p.hidden) : null;
        for (int i = p.steps() - 1; i >= 0; i--) {
            int t = p.step(i, reverse);
            int n = p.batchSizes[t];
            int r0 = p.rowStart[t];
            if (dOut != null) {
                RecurrentKernels.sum(dH, 0, dOut, r0 * p.hr, dStep, 0, n * p.hr);
            } else {
                System.arraycopy(dH, 0, dStep, 0, n * p.hr);
            }
            if (p.projected) {
                System.arraycopy(dStep, 0, dProj, r0 * p.hr, n * p.hr);
                gemm.gemm(false, n, p.hidden, p.hr, dStep, 0, p.hr, whrP, dTilde, 0, p.hidden, false);
            }
            math.backward(n, dTilde, 0, dC, 0, s.saved, r0 * math.savedPerRow(), s.prevH, r0 * p.hr,
                    s.prevC, r0 * p.hidden, dPre, r0 * p.gh, dHh, r0 * p.gh, dDirect, 0);
            // the gradient at the previous state: through W_hh, plus GRU's direct path
            if (dDirect != null) {
                System.arraycopy(dDirect, 0, dH, 0, n * p.hr);
            }
            gemm.gemm(false, n, p.hr, p.gh, dHh, r0 * p.gh, p.gh, whP, dH, 0, p.hr, dDirect != null);
        }
        return gradients(gemm, s, xs, wi, dPre, dHh, dProj, dH, dC);
    }

    private Tensor[] gradients(Gemm gemm, RecurrentLayer.State s, float[] xs, float[] wi, float[] dPre,
                               float[] dHh, float[] dProj, float[] dH, float[] dC) {
        RecurrentLayer.Plan p = plan;
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
        if (needs[W_IH]) {
            result[W_IH] = weightGrad(gemm, dPre, p.gh, xs, p.inputSize);
        }
        if (needs[W_HH]) {
            result[W_HH] = weightGrad(gemm, dHh, p.gh, s.prevH, p.hr);
        }
        if (needs[B_IH]) {
            result[B_IH] = columnSums(dPre);
        }
        if (needs[B_HH]) {
            result[B_HH] = columnSums(dHh);
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

    private Tensor columnSums(float[] m) {
        float[] db = new float[plan.gh];
        RecurrentKernels.addColumnSums(m, 0, plan.rows, plan.gh, db, 0);
        return Torch.fromArray(db, plan.gh);
    }
}
