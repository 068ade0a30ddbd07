package dev.rnn4j.internal.kernel.gates;

/**
 * Which σ PyTorch 1.13 (AVX2) computes where. Its sigmoid kernel takes each contiguous run of floats 2 × 8 at a
 * time with {@code 1 / (1 + Sleef_expf8_u10(0 − x))} and leaves the rest of the run to the scalar lambda
 * {@code 1 / (1 + std::exp(−x))}. In a gate matrix a run is one gate's H columns of a row, so columns
 * j &lt; H − H mod 16 get {@link SleefFloat#sigmoid} and the others {@link #scalar}; {@code Tensor.sigmoid} follows
 * the same rule over its own runs. (tanh maps Sleef over whole runs, so it has no such rule.)
 */
public final class TorchSigmoid {
    /** PyTorch's vectorised sigmoid steps through a run in blocks of this many floats. */
    public static final int BLOCK = 16;

    private TorchSigmoid() {
    }

    /** The end of the Sleef part of a run of {@code run} floats. */
    public static int sleefEnd(int run) {
        return run - run % BLOCK;
    }

    /** σ(v) in PyTorch's scalar float steps: e = exp(−v), then 1 / (1 + e), each rounded to float. */
    public static float scalar(float v) {
        float e = (float) Math.exp(-v);
        return 1f / (1f + e);
    }

    /** σ of column j of a run whose Sleef part ends at {@code sleefEnd}. */
    public static float at(float v, int j, int sleefEnd) {
        return j < sleefEnd ? SleefFloat.sigmoid(v) : scalar(v);
    }

    /** {@code torch.sigmoid} in place over consecutive runs of {@code run} floats. */
    public static void runs(float[] v, int run) {
        int end = sleefEnd(run);
        for (int i = 0; i < v.length; i++) {
            v[i] = at(v[i], i % run, end);
        }
    }
}
