package dev.rnn4j.nn;

import dev.rnn4j.format.PythonRepr;
import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.random.Generator;

/** Zeroes elements with probability p in training and scales the rest by 1/(1−p), as {@code nn.Dropout}. */
public final class Dropout extends Module implements Layer {

    private final double p;

    /** p = 0.5. */
    public Dropout() {
        this(0.5);
    }

    public Dropout(double p) {
        this.p = checkProbability(p);
    }

    @Override
    public Tensor forward(Tensor input) {
        return dropout(input, p, isTraining());
    }

    /** {@code F.dropout}: the mask draws one 64-bit number per element from the default generator, as PyTorch's CPU path. */
    public static Tensor dropout(Tensor input, double p, boolean training) {
        checkProbability(p);
        if (p == 0 || !training || input.numel() == 0) {
            return input;
        }
        if (p == 1) {
            return input.mul(Torch.zerosLike(input));
        }
        float[] noise = new float[input.numel()];
        Generator.defaultGenerator().bernoulli(noise, 0, noise.length, 1 - p);
        // noise.div_(1 − p), then input · noise: MulBackward0, as PyTorch records it
        Tensor scaled = Torch.fromArray(noise, input.shape().toArray()).div((float) (1 - p));
        return input.mul(scaled);
    }

    static double checkProbability(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + p);
        }
        return p;
    }

    @Override
    protected String extraRepr() {
        return "p=" + PythonRepr.floatRepr(p) + ", inplace=False";
    }
}
