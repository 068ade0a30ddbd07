package dev.rnn4j.nn;

import dev.rnn4j.Tensor;

/**
 * An Elman cell, one step: {@code h' = act(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh)}, as
 * {@code torch.nn.RNNCell}. The caller writes the loop over the sequence.
 */
public final class RNNCell extends RNNCellBase {

    private final String nonlinearity;

    /** A tanh cell with biases. */
    public RNNCell(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, true, "tanh");
    }

    /**
     * @param nonlinearity "tanh" or "relu"; checked here rather than at the first step as
     *                     PyTorch does, with PyTorch's message
     */
    public RNNCell(int inputSize, int hiddenSize, boolean bias, String nonlinearity) {
        super(inputSize, hiddenSize, bias, checkNonlinearity(nonlinearity));
        this.nonlinearity = nonlinearity;
    }

    private static int checkNonlinearity(String nonlinearity) {
        if (!nonlinearity.equals("tanh") && !nonlinearity.equals("relu")) {
            throw new IllegalArgumentException("Unknown nonlinearity: " + nonlinearity);
        }
        return 1;
    }

    public String nonlinearity() {
        return nonlinearity;
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
        Tensor sum = linear(step.h(), weightHh, biasHh).add(linear(step.x(), weightIh, biasIh));
        return step.unbatch(nonlinearity.equals("tanh") ? sum.tanh() : sum.relu());
    }

    @Override
    protected String extraRepr() {
        return super.extraRepr() + (nonlinearity.equals("tanh") ? "" : ", nonlinearity=" + nonlinearity);
    }
}
