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
        fill(t, values -> Generator.defaultGenerator().uniform(values, 0, values.length, a, b));
    }

    /** {@code nn.init.normal_(t, mean, std)}. */
    public static void normal(Parameter t, double mean, double std) {
        fill(t, values -> Generator.defaultGenerator().normal(values, 0, values.length, mean, std));
    }

    /**
     * {@code nn.init.kaiming_uniform_(t, a)} for leaky_relu with slope {@code a} and fan_in: U(−b, b) with
     * b = √3 · √(2/(1+a²)) / √fan_in, computed in PyTorch's order. A tensor with no elements draws nothing.
     */
    public static void kaimingUniform(Parameter t, double a) {
        if (t.numel() == 0) {
            return;
        }
        double gain = Math.sqrt(2.0 / (1 + a * a));
        double std = gain / Math.sqrt(fanIn(t));
        double bound = Math.sqrt(3.0) * std;
        uniform(t, -bound, bound);
    }

    /** The fan-in of a weight: its second dimension times the size of everything after it. */
    static int fanIn(Parameter t) {
        if (t.dim() < 2) {
            throw new IllegalArgumentException(
                    "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
        }
        return t.numel() / t.size(0);
    }

    private static void fill(Parameter t, java.util.function.Consumer<float[]> draw) {
        if (!t.isContiguous()) {
            throw new IllegalArgumentException("initialisation needs a contiguous parameter");
        }
        try (var g = Torch.noGrad()) {
            float[] values = new float[t.numel()];
            draw.accept(values);
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
