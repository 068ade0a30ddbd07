package dev.rnn4j.internal.layer;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.autograd.GradMode;
import dev.rnn4j.nn.RNNBase.Mode;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a small layer of one mode once per JVM, forward without grad and forward with backward, when the first module
 * of that mode large enough for the vector kernels is built: a call loads and links the classes, lambdas and worker
 * threads every call then uses, which made a fresh JVM's first forward of an RNN(64, 256) over (100, 32, 64) take
 * 35-42 ms against 2.1-2.7 steady, and 8-10 ms after this warm-up (on a heap touched beforehand), for about 50 ms
 * more at build. Its tensors are its own and filled without the random generator, so the caller's random numbers
 * and gradients are untouched.
 */
public final class LayerWarmUp {
    /** Shaped so that the batch splits over two threads and every gate loop runs whole vectors. */
    private static final int STEPS = 3, BATCH = 64, INPUT = 64, HIDDEN = 128;
    private static final Set<Mode> DONE = ConcurrentHashMap.newKeySet();

    private LayerWarmUp() {
    }

    /** Runs the warm-up of mode unless it already ran in this JVM (or runs now on another thread). */
    public static void once(Mode mode) {
        if (!DONE.add(mode)) {
            return;
        }
        try {
            run(mode);
        } catch (RuntimeException e) {
            System.getLogger("dev.rnn4j").log(System.Logger.Level.WARNING,
                    "rnn4j: warming up the " + mode + " layer code failed: " + e);
        }
    }

    /** One run, whether or not one ran before: forward without grad, then forward and backward. */
    static void run(Mode mode) {
        int gh = mode.gates() * HIDDEN;
        RecurrentLayer.Weights w = new RecurrentLayer.Weights(filled(true, gh, INPUT), filled(true, gh, HIDDEN),
                filled(true, gh), filled(true, gh), null);
        Tensor x = filled(false, STEPS, BATCH, INPUT);
        Tensor h0 = Torch.zeros(BATCH, HIDDEN);
        Tensor c0 = mode == Mode.LSTM ? Torch.zeros(BATCH, HIDDEN) : null;
        int[] batches = RecurrentLayer.fullBatches(STEPS, BATCH);
        int[] shape = {STEPS, BATCH, HIDDEN};
        try (GradMode.Scope noGrad = new GradMode.Scope(false)) {
            RecurrentLayer.run(mode, x, batches, shape, h0, c0, w, false, "WarmUpBackward", false);
        }
        try (GradMode.Scope grad = new GradMode.Scope(true)) {
            RecurrentLayer.run(mode, x, batches, shape, h0, c0, w, false, "WarmUpBackward", false).output().sum()
                    .backward();
        }
    }

    /** A tensor of small values that vary along it, as a trained layer's would. */
    private static Tensor filled(boolean requiresGrad, int... shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = 0.01f * (i % 17 - 8);
        }
        return Torch.fromArray(values, shape).requiresGrad(requiresGrad);
    }
}
