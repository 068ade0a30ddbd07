package dev.rnn4j.nn;

import dev.rnn4j.Tensor;

/** max(0, x) element-wise, as {@code nn.ReLU}. */
public final class ReLU extends Module implements Layer {

    @Override
    public Tensor forward(Tensor input) {
        return Functional.relu(input);
    }
}
