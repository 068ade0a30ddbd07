package dev.rnn4j;

import dev.rnn4j.random.Generator;

/**
 * Integer sampling with PyTorch's CPU draws: {@code randint} and {@code multinomial}, each consuming the
 * generator exactly as PyTorch 2.x does, so the same seed gives the same indices.
 */
final class Sampling {

    private static final int MAX_CATEGORIES = 1 << 24;

    private Sampling() {
    }

    static LongTensor randint(Generator g, long low, long high, int[] shape) {
        Shape.checkNonNegative(shape);
        long[] out = new long[Shape.numel(shape)];
        g.randomFromTo(out, 0, out.length, low, high);
        return LongTensor.of(out, shape);
    }

    /**
     * {@code numSamples} category indices per row of {@code probs} (1-D, or 2-D with one distribution per row),
     * which need not sum to 1. Without replacement, or for one sample, PyTorch 2.x races exponential clocks:
     * the winners are the largest p/q with q ~ Exp(1) (one draw per element, in order), an argmax or a topk.
     * With replacement each sample is one uniform double searched in the row's normalised cumulative sums.
     */
    static LongTensor multinomial(Generator g, Tensor probs, int numSamples, boolean replacement) {
        if (probs.dim() < 1 || probs.dim() > 2) {
            throw new IllegalArgumentException("prob_dist must be 1 or 2 dim");
        }
        if (numSamples <= 0) {
            throw new IllegalArgumentException("cannot sample n_sample <= 0 samples");
        }
        int categories = probs.size(-1);
        if (!replacement && numSamples > categories) {
            throw new IllegalArgumentException(
                    "cannot sample n_sample > prob_dist.size(-1) samples without replacement");
        }
        if (categories > MAX_CATEGORIES) {
            throw new IllegalArgumentException("number of categories cannot exceed 2^24");
        }
        int rows = probs.dim() == 1 ? 1 : probs.size(0);
        int[] shape = probs.dim() == 1 ? new int[]{numSamples} : new int[]{rows, numSamples};
        float[] p = probs.toFloatArray();
        long[] out;
        synchronized (g) {   // one call's draws stay together, as PyTorch holds the generator's lock
            out = !replacement || numSamples == 1 ? race(g, p, rows, categories, numSamples)
                    : withReplacement(g, p, rows, categories, numSamples);
        }
        return LongTensor.of(out, shape);
    }

    /** argmax (one sample) or topk of p/q per row, q ~ Exp(1) drawn for every element in row-major order. */
    private static long[] race(Generator g, float[] p, int rows, int categories, int n) {
        long[] out = new long[rows * n];
        if (rows == 0) {
            return out;
        }
        for (float v : p) {
            if (!(v >= 0 && v < Float.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("probability tensor contains either `inf`, `nan` or element < 0");
            }
        }
        for (int r = 0; r < rows; r++) {
            if (allZero(p, r * categories, categories)) {
                throw new IllegalArgumentException("invalid multinomial distribution (sum of probabilities <= 0)");
            }
        }
        float[] q = new float[p.length];
        g.exponential(q, 0, q.length, 1.0);
        for (int i = 0; i < q.length; i++) {
            q[i] = p[i] / q[i];
        }
        for (int r = 0; r < rows; r++) {
            if (n == 1) {
                out[r] = ArgMax.best(q, r * categories, categories, 1);
            } else {
                int[] top = TopK.largest(java.util.Arrays.copyOfRange(q, r * categories, (r + 1) * categories), n);
                for (int j = 0; j < n; j++) {
                    out[r * n + j] = top[j];
                }
            }
        }
        return out;
    }

    /** PyTorch's multinomial_with_replacement kernel; every row is checked before the first draw. */
    private static long[] withReplacement(Generator g, float[] p, int rows, int categories, int n) {
        float[][] cumulative = new float[rows][];
        for (int r = 0; r < rows; r++) {
            cumulative[r] = cumulative(p, r * categories, categories);
        }
        long[] out = new long[rows * n];
        for (int r = 0; r < rows; r++) {
            float[] cum = cumulative[r];
            for (int j = 0; j < n; j++) {
                out[r * n + j] = firstAtLeast(cum, g.uniformDouble());
            }
        }
        return out;
    }

    /** The running float sums of one row divided by the total, the last set to exactly 1. */
    private static float[] cumulative(float[] p, int start, int n) {
        float[] cum = new float[n];
        float sum = 0;
        for (int j = 0; j < n; j++) {
            float v = p[start + j];
            if (!(v >= 0)) {
                throw new IllegalArgumentException(
                        "invalid multinomial distribution (encountering probability entry < 0)");
            }
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException(
                        "invalid multinomial distribution (encountering probability entry = infinity or NaN)");
            }
            sum += v;
            cum[j] = sum;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("invalid multinomial distribution (sum of probabilities <= 0)");
        }
        for (int j = 0; j < n; j++) {
            cum[j] /= sum;
        }
        cum[n - 1] = 1;
        return cum;
    }

    /** The binary search of PyTorch's kernel: the first slot whose cumulative probability is not below u. */
    private static long firstAtLeast(float[] cum, double u) {
        int left = 0;
        int right = cum.length;
        while (right - left > 0) {
            int mid = left + (right - left) / 2;
            if (cum[mid] < u) {
                left = mid + 1;
            } else {
                right = mid;
            }
        }
        return left;
    }

    private static boolean allZero(float[] p, int start, int n) {
        for (int j = 0; j < n; j++) {
            if (p[start + j] != 0) {
                return false;
            }
        }
        return true;
    }
}
