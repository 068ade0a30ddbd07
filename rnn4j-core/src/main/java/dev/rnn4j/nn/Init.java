package dev.rnn4j.nn;

import dev.rnn4j.Torch;
import dev.rnn4j.random.Generator;

import java.util.List;

/** Parameter initialisation, drawing from the default generator in PyTorch's order. */
public final class Init {

    private Init() {
    }

    /** {@code nn.init.uniform_(t, a, b)}. */
    public static void uniform(Parameter t, double a, double b) {
        if (!t.isContiguous()) {
            throw new IllegalArgumentException("uniform_ needs a contiguous parameter");
        }
        try (var g = Torch.noGrad()) {
            float[] values = new float[t.numel()];
            Generator.defaultGenerator().uniform(values, 0, values.length, a, b);
            t.copy_(Torch.fromArray(values, t.shape().toArray()));
        }
    }

    /** The recurrent modules' {@code reset_parameters}: every parameter from U(−1/√hidden, 1/√hidden). */
    static void uniformByHiddenSize(List<Parameter> params, int hiddenSize) {
        double stdv = hiddenSize > 0 ? 1.0 / Math.sqrt(hiddenSize) : 0;
        for (Parameter p : params) {
            uniform(p, -stdv, stdv);
        }
    }
}
