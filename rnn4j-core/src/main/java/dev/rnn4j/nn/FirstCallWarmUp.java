package dev.rnn4j.nn;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.autograd.GradMode;
import dev.rnn4j.nn.RNNBase.Mode;
import dev.rnn4j.random.Generator;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a small module of one mode once per JVM, forward without grad and forward with backward, when the first module
 * of that mode large enough for the vector kernels is built: a call loads and links the classes, lambdas and worker
 * threads every call then uses, which made a fresh JVM's first forward of an RNN(64, 256) over (100, 32, 64) take
 * 35-42 ms against 2.1-2.7 steady on a heap touched beforehand. The small module's weights are drawn while this
 * thread holds the default generator, whose state is then put back, so no thread sees a draw of it.
 */
final class FirstCallWarmUp {
    /** Shaped so that the batch splits over two threads and every gate loop runs whole vectors. */
    private static final int STEPS = 3, BATCH = 64, INPUT = 64, HIDDEN = 128;
    private static final Set<Mode> DONE = ConcurrentHashMap.newKeySet();

    private FirstCallWarmUp() {
    }

    /** Runs the warm-up of mode unless it already ran in this JVM (or runs now on another thread). */
    static void once(Mode mode) {
        if (!DONE.add(mode)) {
            return;
        }
        try {
            run(mode);
        } catch (RuntimeException e) {
            System.getLogger("dev.rnn4j").log(System.Logger.Level.WARNING,
                    "rnn4j: warming up the " + mode + " module code failed: " + e);
        }
    }

    /** One run, whether or not one ran before: forward without grad, then forward and backward. */
    static void run(Mode mode) {
        DONE.add(mode);   // the small module's own constructor must not start another run
        RNNBase m = build(mode);
        Tensor x = filled(STEPS, BATCH, INPUT);
        try (GradMode.Scope noGrad = new GradMode.Scope(false)) {
            m.forwardPadded(x, null, null);
        }
        try (GradMode.Scope grad = new GradMode.Scope(true)) {
            m.forwardPadded(x, null, null).output().sum().backward();
        }
    }

    private static RNNBase build(Mode mode) {
        Generator g = Generator.defaultGenerator();
        synchronized (g) {   // Generator's methods lock it too: no other thread draws until the state is back
            Generator.State before = g.getState();
            try {
                return switch (mode) {
                    case RNN_TANH -> RNN.builder(INPUT, HIDDEN).build();
                    case RNN_RELU -> RNN.builder(INPUT, HIDDEN).nonlinearity("relu").build();
                    case LSTM -> LSTM.builder(INPUT, HIDDEN).build();
                    case GRU -> GRU.builder(INPUT, HIDDEN).build();
                };
            } finally {
                g.setState(before);
            }
        }
    }

    /** A tensor of small values that vary along it, as real inputs do. */
    private static Tensor filled(int... shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = 0.01f * (i % 17 - 8);
        }
        return Torch.fromArray(values, shape);
    }
}
