package dev.rnn4j.optim;

/**
 * {@code torch.linalg.vector_norm} of a float32 vector, accumulated in float32 in the order of
 * PyTorch's CPU kernels, so that clipping sees PyTorch's norms to the bit.
 */
final class VectorNorm {

    /** The 2-norm kernel's vector width: eight partial sums of squares. */
    private static final int LANES = 8;

    private VectorNorm() {
    }

    static float norm(float[] x, double p) {
        if (x.length == 0) {
            return p < 0 ? Float.POSITIVE_INFINITY : 0f;
        }
        if (x.length == 1) {
            // PyTorch reduces a single element without its kernel: |x|, or x != 0 for order 0
            return p == 0 ? (x[0] != 0 ? 1f : 0f) : Math.abs(x[0]);
        }
        if (p == 2) {
            return twoNorm(x);
        }
        if (p == Double.POSITIVE_INFINITY || p == Double.NEGATIVE_INFINITY) {
            return extremeAbs(x, p > 0);
        }
        float acc = 0f;
        if (p == 1) {
            for (float v : x) {
                acc += Math.abs(v);
            }
            return acc;
        }
        if (p == 0) {
            for (float v : x) {
                acc += v == 0 ? 0f : 1f;
            }
            return acc;
        }
        float order = (float) p;
        for (float v : x) {
            acc += powf(Math.abs(v), order);
        }
        return powf(acc, 1f / order);
    }

    /**
     * Σx², in the order of PyTorch's 2-norm kernel as its CPU wheel runs it (the AVX2 build; its
     * AVX-512 dispatch falls back to it): eight partial sums (element i to lane i mod 8) over
     * whole blocks of eight, square and add each rounded; the lanes added in order; then the
     * remaining elements one by one, where the compiler squares four at a time (each square
     * rounded) and fuses the square-and-add of the last one to three. Checked bit for bit
     * against PyTorch for every length from 1 to 44.
     */
    private static float twoNorm(float[] x) {
        float[] lanes = new float[LANES];
        int blocks = x.length - x.length % LANES;
        for (int d = 0; d < blocks; d += LANES) {
            for (int j = 0; j < LANES; j++) {
                lanes[j] += x[d + j] * x[d + j];
            }
        }
        float sum = lanes[0];
        for (int j = 1; j < LANES; j++) {
            sum += lanes[j];
        }
        int rest = x.length - blocks;
        int rounded = blocks + rest - rest % 4;
        for (int d = blocks; d < rounded; d++) {
            sum += x[d] * x[d];
        }
        for (int d = rounded; d < x.length; d++) {
            sum = Math.fma(x[d], x[d], sum);
        }
        return (float) Math.sqrt(sum);
    }

    /** max |x| (or min |x|); a NaN wins, as PyTorch's {@code AbsMaxOps}. */
    private static float extremeAbs(float[] x, boolean max) {
        float acc = max ? 0f : Float.POSITIVE_INFINITY;
        for (float v : x) {
            acc = max ? Math.max(acc, Math.abs(v)) : Math.min(acc, Math.abs(v));
        }
        return acc;
    }

    /**
     * C's {@code powf}, which PyTorch's kernel calls, as the double power rounded to float: the two
     * differ only where the exact power lies within a double's ulp of a float rounding boundary.
     */
    private static float powf(float base, float exponent) {
        return (float) Math.pow(base, exponent);
    }
}
