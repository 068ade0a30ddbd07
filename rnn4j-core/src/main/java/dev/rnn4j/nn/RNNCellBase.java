package dev.rnn4j.nn;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.internal.kernel.Kernels;

/**
 * What {@code RNNCell}, {@code LSTMCell} and {@code GRUCell} share: the four parameters with
 * G gate blocks, their initialisation, and the shape checks of one step.
 */
public abstract class RNNCellBase extends Module {

    final int inputSize;
    final int hiddenSize;
    final boolean bias;
    final Parameter weightIh;
    final Parameter weightHh;
    final Parameter biasIh;
    final Parameter biasHh;

    RNNCellBase(int inputSize, int hiddenSize, boolean bias, int gates) {
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.bias = bias;
        weightIh = registerParameter("weight_ih", new Parameter(Torch.zeros(gates * hiddenSize, inputSize)));
        weightHh = registerParameter("weight_hh", new Parameter(Torch.zeros(gates * hiddenSize, hiddenSize)));
        biasIh = registerParameter("bias_ih", bias ? new Parameter(Torch.zeros(gates * hiddenSize)) : null);
        biasHh = registerParameter("bias_hh", bias ? new Parameter(Torch.zeros(gates * hiddenSize)) : null);
        Init.uniformByHiddenSize(parameters(), hiddenSize);
        Kernels.awaitForModel((long) gates * hiddenSize * Math.max(inputSize, hiddenSize));
    }

    public int inputSize() {
        return inputSize;
    }

    public int hiddenSize() {
        return hiddenSize;
    }

    /** {@code (input·W_ihᵀ + b_ih)} or {@code (hidden·W_hhᵀ + b_hh)}: PyTorch's {@code linear}. */
    static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        return bias == null ? x.matmul(weight.t()) : Torch.addmm(bias, x, weight.t());
    }

    /** The ranks PyTorch accepts for a cell's input and state, with its message. */
    final void checkRank(Tensor t, String what) {
        if (t != null && t.dim() != 1 && t.dim() != 2) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": Expected " + what
                    + " to be 1D or 2D, got " + t.dim() + "D instead");
        }
    }

    /** One step's input and state in batched form, and whether the caller's input was batched. */
    record Step(Tensor x, Tensor h, boolean batched) {
        /** A result back in the caller's form: unbatched input gives an unbatched result. */
        public Tensor unbatch(Tensor t) {
            return batched ? t : t.squeeze(0);
        }
    }

    /**
     * The single-state cells' checks, in PyTorch's order: ranks, then batch dimension and zero
     * state, then the sizes against the weights.
     */
    final Step prepareStep(Tensor input, Tensor hx) {
        checkRank(input, "input");
        checkRank(hx, "hidden");
        boolean batched = input.dim() == 2;
        Tensor x = batched ? input : input.unsqueeze(0);
        Tensor h = hx == null ? Torch.zeros(x.size(0), hiddenSize) : batched ? hx : hx.unsqueeze(0);
        checkStep(x, h, "hidden0");
        return new Step(x, h, batched);
    }

    /** {@code check_rnn_cell_forward_input} and {@code _hidden} of ATen, on batched (2-D) tensors. */
    final void checkStep(Tensor input, Tensor hx, String hiddenLabel) {
        if (input.size(1) != inputSize) {
            throw new IllegalArgumentException("input has inconsistent input_size: got " + input.size(1)
                    + " expected " + inputSize);
        }
        if (input.size(0) != hx.size(0)) {
            throw new IllegalArgumentException("Input batch size " + input.size(0) + " doesn't match " + hiddenLabel
                    + " batch size " + hx.size(0));
        }
        if (hx.size(1) != hiddenSize) {
            throw new IllegalArgumentException(hiddenLabel + " has inconsistent hidden_size: got " + hx.size(1)
                    + ", expected " + hiddenSize);
        }
    }

    @Override
    protected String extraRepr() {
        return inputSize + ", " + hiddenSize + (bias ? "" : ", bias=False");
    }
}
