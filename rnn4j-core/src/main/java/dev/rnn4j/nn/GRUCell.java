package dev.rnn4j.nn;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;

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
        super(inputSize, hiddenSize, bias, 3);
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
        checkRank(input, "input");
        checkRank(hx, "hidden");
        boolean batched = input.dim() == 2;
        Tensor x = batched ? input : input.unsqueeze(0);
        Tensor h = hx == null ? Torch.zeros(x.size(0), hiddenSize) : batched ? hx : hx.unsqueeze(0);
        checkStep(x, h, "hidden0");
        Tensor in = linear(x, weightIh, biasIh);
        Tensor hid = linear(h, weightHh, biasHh);
        Tensor reset = gate(hid, 0).add(gate(in, 0)).sigmoid();
        Tensor update = gate(hid, 1).add(gate(in, 1)).sigmoid();
        Tensor candidate = gate(in, 2).add(gate(hid, 2).mul(reset)).tanh();
        Tensor next = h.sub(candidate).mul(update).add(candidate);
        return batched ? next : next.squeeze(0);
    }

    private Tensor gate(Tensor gates, int k) {
        return gates.narrow(1, k * hiddenSize, hiddenSize);
    }
}
