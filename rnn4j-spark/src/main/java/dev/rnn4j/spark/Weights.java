package dev.rnn4j.spark;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.nn.Parameter;

import java.util.List;

/** A model's parameters, or their gradients, as one flat float[] in {@code parameters()} order: what tasks ship. */
final class Weights {

    private Weights() {
    }

    static int size(List<Parameter> params) {
        return params.stream().mapToInt(Parameter::numel).sum();
    }

    /** The parameters' values, one after the other. */
    static float[] values(List<Parameter> params) {
        float[] out = new float[size(params)];
        int at = 0;
        for (Parameter p : params) {
            float[] v = p.toFloatArray();
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }

    /** The parameters' gradients (zeros where a parameter has none). */
    static float[] grads(List<Parameter> params) {
        float[] out = new float[size(params)];
        int at = 0;
        for (Parameter p : params) {
            Tensor g = p.grad();
            if (g != null) {
                System.arraycopy(g.toFloatArray(), 0, out, at, p.numel());
            }
            at += p.numel();
        }
        return out;
    }

    /** Copies {@code flat} into the parameters' values. */
    static void load(List<Parameter> params, float[] flat) {
        check(params, flat);
        try (var g = Torch.noGrad()) {
            int at = 0;
            for (Parameter p : params) {
                p.copy_(slice(flat, at, p));
                at += p.numel();
            }
        }
    }

    /** Sets every parameter's gradient from {@code flat}. */
    static void setGrads(List<Parameter> params, float[] flat) {
        check(params, flat);
        int at = 0;
        for (Parameter p : params) {
            p.setGrad(slice(flat, at, p));
            at += p.numel();
        }
    }

    /** {@code into += from}, element by element; returns {@code into}. */
    static float[] add(float[] into, float[] from) {
        for (int i = 0; i < into.length; i++) {
            into[i] += from[i];
        }
        return into;
    }

    /** {@code v *= s}; returns {@code v}. */
    static float[] scale(float[] v, float s) {
        for (int i = 0; i < v.length; i++) {
            v[i] *= s;
        }
        return v;
    }

    private static Tensor slice(float[] flat, int at, Parameter p) {
        float[] part = new float[p.numel()];
        System.arraycopy(flat, at, part, 0, part.length);
        return Torch.tensor(part, p.shape().toArray());
    }

    private static void check(List<Parameter> params, float[] flat) {
        if (flat.length != size(params)) {
            throw new IllegalArgumentException("the model has " + size(params) + " parameters, the flat vector "
                    + flat.length);
        }
    }
}
