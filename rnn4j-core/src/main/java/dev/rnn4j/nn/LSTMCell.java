package dev.rnn4j.nn;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;

/**
 * One LSTM step, as {@code torch.nn.LSTMCell}: gates i, f, g, o from
 * {@code (h·W_hhᵀ + b_hh) + (x·W_ihᵀ + b_ih)}; c' = f·c + i·g; h' = o·tanh(c').
 * The caller writes the loop over the sequence.
 */
public final class LSTMCell extends RNNCellBase {

    /** The cell's state: h and c, each (N, hidden_size) or unbatched (hidden_size). */
    public record State(Tensor h, Tensor c) {
    }

    public LSTMCell(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, true);
    }

    public LSTMCell(int inputSize, int hiddenSize, boolean bias) {
        super(inputSize, hiddenSize, bias, RNNBase.Mode.LSTM.gates());
    }

    /** One step from a zero state. */
    public State forward(Tensor input) {
        return forward(input, null);
    }

    /**
     * One step.
     *
     * @param input (N, input_size) or unbatched (input_size)
     * @param hx    the previous state, shaped as the input's batch, or null for zeros
     */
    public State forward(Tensor input, State hx) {
        checkRank(input, "input");
        if (hx != null) {
            checkRank(hx.h(), "hx[0]");
            checkRank(hx.c(), "hx[1]");
        }
        boolean batched = input.dim() == 2;
        Tensor x = batched ? input : input.unsqueeze(0);
        Tensor h;
        Tensor c;
        if (hx == null) {
            h = Torch.zeros(x.size(0), hiddenSize);
            c = h;
        } else {
            h = batched ? hx.h() : hx.h().unsqueeze(0);
            c = batched ? hx.c() : hx.c().unsqueeze(0);
        }
        checkStep(x, h, "hidden0");
        checkStep(x, c, "hidden1");
        Tensor gates = linear(h, weightHh, biasHh).add(linear(x, weightIh, biasIh));
        Tensor in = gates.narrow(1, 0, hiddenSize).sigmoid();
        Tensor forget = gates.narrow(1, hiddenSize, hiddenSize).sigmoid();
        Tensor cell = gates.narrow(1, 2 * hiddenSize, hiddenSize).tanh();
        Tensor out = gates.narrow(1, 3 * hiddenSize, hiddenSize).sigmoid();
        Tensor cNext = forget.mul(c).add(in.mul(cell));
        Tensor hNext = out.mul(cNext.tanh());
        return batched ? new State(hNext, cNext) : new State(hNext.squeeze(0), cNext.squeeze(0));
    }
}
