package dev.rnn4j.nn.rnn;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.autograd.Node;
import dev.rnn4j.kernel.Gemm;
import dev.rnn4j.kernel.Kernels;
import dev.rnn4j.kernel.RecurrentKernels;

/**
 * One recurrent layer in one direction as a single fused operation, the way cuDNN and oneDNN
 * run it: the input projection of all steps is one GEMM, each step one {@code h·W_hhᵀ} GEMM
 * plus a fused bias-and-activation, and the backward pass is back-propagation through time
 * with the same GEMMs. It records one node for the whole layer.
 */
public final class RecurrentLayer {

    /** The gate arithmetic of a layer. */
    public enum Kind {
        RNN_TANH, RNN_RELU;

        int gates() {
            return 1;
        }
    }

    /** The layer's two results: every step's hidden state and the last one. */
    public record Result(Tensor output, Tensor lastHidden) {
    }

    private RecurrentLayer() {
    }

    /**
     * Runs the layer.
     *
     * @param x   input, (L, N, I)
     * @param h0  initial hidden state, (N, H)
     * @param wIh (G·H, I); wHh (G·H, H); bIh, bHh (G·H) or both null
     * @param reverse whether the layer reads the sequence from its last step to its first
     * @param outputGradFn the grad_fn name PyTorch shows for the output this layer stands for
     */
    public static Result run(Kind kind, Tensor x, Tensor h0, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh,
                             boolean reverse, String outputGradFn) {
        int steps = x.size(0);
        int batch = x.size(1);
        int inputSize = x.size(2);
        int hidden = wHh.size(1);
        int gh = kind.gates() * hidden;
        float[] xs = x.toFloatArray();
        float[] wi = wIh.toFloatArray();
        float[] wh = wHh.toFloatArray();
        float[] bi = bIh == null ? null : bIh.toFloatArray();
        float[] bh = bHh == null ? null : bHh.toFloatArray();
        float[] h0s = h0.toFloatArray();
        Gemm gemm = Kernels.gemm();

        // pre (L·N, G·H) = X · W_ihᵀ + b_ih, all steps at once
        float[] pre = new float[steps * batch * gh];
        gemm.gemm(false, true, steps * batch, gh, inputSize, xs, 0, inputSize, wi, 0, inputSize, pre, 0, gh, false);
        if (bi != null) {
            RecurrentKernels.addBiasRows(pre, 0, steps * batch, gh, bi, 0);
        }
        float[] out = new float[steps * batch * hidden];
        float[] hh = new float[batch * gh];
        float[] whT = RecurrentKernels.transpose(wh, gh, hidden);   // (H, G·H): each step's GEMM reads it in place
        boolean relu = kind == Kind.RNN_RELU;
        int step = batch * hidden;
        float[] prev = h0s;
        int prevOff = 0;
        for (int s = 0; s < steps; s++) {
            int t = reverse ? steps - 1 - s : s;
            gemm.gemm(false, false, batch, gh, hidden, prev, prevOff, hidden, whT, 0, gh, hh, 0, gh, false);
            RecurrentKernels.rnnStepForward(relu, batch, hidden, hh, bh, pre, t * batch * gh, out, t * step);
            prev = out;
            prevOff = t * step;
        }
        Tensor output = Torch.fromArray(out, steps, batch, hidden);
        int lastT = reverse ? 0 : steps - 1;
        float[] last = new float[step];
        System.arraycopy(out, lastT * step, last, 0, step);
        Tensor lastHidden = Torch.fromArray(last, batch, hidden);
        if (Torch.isGradEnabled() && anyRequiresGrad(x, h0, wIh, wHh, bIh, bHh)) {
            Node node = new Backward(outputGradFn, kind, reverse, steps, batch, inputSize, hidden,
                    x, h0, wIh, wHh, bIh, bHh, xs, wi, wh, h0s, out);
            output.attachGradFn(node, 0);
            lastHidden.attachGradFn(node, 1);
        }
        return new Result(output, lastHidden);
    }

    private static boolean anyRequiresGrad(Tensor... ts) {
        for (Tensor t : ts) {
            if (t != null && t.requiresGrad()) {
                return true;
            }
        }
        return false;
    }

    /** Back-propagation through time for one layer and direction. */
    private static final class Backward extends Node {
        private final Kind kind;
        private final boolean reverse;
        private final int steps;
        private final int batch;
        private final int inputSize;
        private final int hidden;
        private final boolean[] needs;

        Backward(String name, Kind kind, boolean reverse, int steps, int batch, int inputSize, int hidden,
                 Tensor x, Tensor h0, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh,
                 float[] xs, float[] wi, float[] wh, float[] h0s, float[] out) {
            super(name, x, h0, wIh, wHh, bIh, bHh);
            this.kind = kind;
            this.reverse = reverse;
            this.steps = steps;
            this.batch = batch;
            this.inputSize = inputSize;
            this.hidden = hidden;
            this.needs = new boolean[]{x.requiresGrad(), h0.requiresGrad(), wIh.requiresGrad(), wHh.requiresGrad(),
                    bIh != null && bIh.requiresGrad(), bHh != null && bHh.requiresGrad()};
            save(xs, wi, wh, h0s, out);
        }

        @Override
        public int numOutputs() {
            return 2;
        }

        @Override
        protected Tensor[] backward(Tensor[] grads) {
            float[] xs = saved(0);
            float[] wi = saved(1);
            float[] wh = saved(2);
            float[] h0s = saved(3);
            float[] out = saved(4);
            Gemm gemm = Kernels.gemm();
            int gh = kind.gates() * hidden;
            int step = batch * hidden;
            boolean relu = kind == Kind.RNN_RELU;
            float[] dOut = grads[0] == null ? null : grads[0].toFloatArray();
            float[] dh = grads[1] == null ? new float[step] : grads[1].toFloatArray();
            // dGates (L·N, G·H): the gradient at every step's gate pre-activation
            float[] dg = new float[steps * batch * gh];
            for (int s = steps - 1; s >= 0; s--) {
                int t = reverse ? steps - 1 - s : s;
                if (dOut != null) {
                    RecurrentKernels.add(dh, 0, dOut, t * step, step);
                }
                RecurrentKernels.rnnStepBackward(relu, step, dh, out, t * step, dg, t * batch * gh);
                // dh (N, H) = dGates_t · W_hh, the gradient reaching the previous step
                gemm.gemm(false, false, batch, hidden, gh, dg, t * batch * gh, gh, wh, 0, hidden, dh, 0, hidden,
                        false);
            }
            Tensor[] result = new Tensor[6];
            if (needs[0]) {
                float[] dx = new float[steps * batch * inputSize];
                gemm.gemm(false, false, steps * batch, inputSize, gh, dg, 0, gh, wi, 0, inputSize, dx, 0, inputSize,
                        false);
                result[0] = Torch.fromArray(dx, steps, batch, inputSize);
            }
            if (needs[1]) {
                result[1] = Torch.fromArray(dh, batch, hidden);
            }
            if (needs[2]) {
                float[] dWi = new float[gh * inputSize];
                gemm.gemm(true, false, gh, inputSize, steps * batch, dg, 0, gh, xs, 0, inputSize, dWi, 0, inputSize,
                        false);
                result[2] = Torch.fromArray(dWi, gh, inputSize);
            }
            if (needs[3]) {
                result[3] = Torch.fromArray(hiddenWeightGrad(gemm, dg, out, h0s, gh), gh, hidden);
            }
            if (needs[4] || needs[5]) {
                float[] db = new float[gh];
                RecurrentKernels.addColumnSums(dg, 0, steps * batch, gh, db, 0);
                result[4] = needs[4] ? Torch.fromArray(db, gh) : null;
                result[5] = needs[5] ? Torch.fromArray(db.clone(), gh) : null;
            }
            return result;
        }

        /** dW_hh (G·H, H) = Σ_t dGates_tᵀ · h_{t−1}: one GEMM over the steps whose previous state is an output, one for h0. */
        private float[] hiddenWeightGrad(Gemm gemm, float[] dg, float[] out, float[] h0s, int gh) {
            float[] dW = new float[gh * hidden];
            int rows = (steps - 1) * batch;
            int firstT = reverse ? steps - 1 : 0;
            if (rows > 0) {
                int dgStart = reverse ? 0 : batch * gh;          // steps whose previous state is out[t∓1]
                int outStart = reverse ? batch * hidden : 0;
                gemm.gemm(true, false, gh, hidden, rows, dg, dgStart, gh, out, outStart, hidden, dW, 0, hidden, false);
            }
            gemm.gemm(true, false, gh, hidden, batch, dg, firstT * batch * gh, gh, h0s, 0, hidden, dW, 0, hidden,
                    rows > 0);
            return dW;
        }
    }
}
