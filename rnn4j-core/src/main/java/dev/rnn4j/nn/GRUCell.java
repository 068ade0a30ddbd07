package dev.rnn4j.nn;

import dev.rnn4j.Tensor;

/**
 * One GRU step, as {@code torch.nn.GRUCell}: r = σ(h_r + i_r), z = σ(h_z + i_z),
 * n = tanh(i_n + r·h_n), h' = (h − n)·z + n, with h_* = h·W_h*ᵀ + b_h* and i_* = x·W_i*ᵀ + b_i*.
 * The caller writes the loop over the sequence.
 */
public final class GRUCell extends RNNCellBase {

    public GRUCell(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, true);
    }

    public GRUCell(int inputSize, int hiddenSize, boolean bias) {
        super(inputSize, hiddenSize, bias, RNNBase.Mode.GRU.gates());
    }

    /** One step from a zero state. */
    public Tensor forward(Tensor input) {
        return forward(input, null);
    }

    /**
     * One step.
     *
     * @param input (N, input_size) or unbatched (input_size)
     * @param hx    (N, hidden_size), (hidden_size), or null for zeros
     * @return the new state, shaped as hx
     */
    public Tensor forward(Tensor input, Tensor hx) {
        Step step = prepareStep(input, hx);
        Tensor in = linear(step.x(), weightIh, biasIh);
        Tensor hid = linear(step.h(), weightHh, biasHh);
        Tensor reset = gate(hid, 0).add(gate(in, 0)).sigmoid();
        Tensor update = gate(hid, 1).add(gate(in, 1)).sigmoid();
        Tensor candidate = gate(in, 2).add(gate(hid, 2).mul(reset)).tanh();
        return step.unbatch(step.h().sub(candidate).mul(update).add(candidate));
    }

    private Tensor gate(Tensor gates, int k) {
        return gates.narrow(1, k * hiddenSize, hiddenSize);
    }
}
