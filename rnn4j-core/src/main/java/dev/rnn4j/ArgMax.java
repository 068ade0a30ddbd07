package dev.rnn4j;

/**
 * argmax: the index of the largest value, over everything or along one dimension, as an int64 tensor. As
 * PyTorch's CPU kernel: the first of equal maxima wins, and a NaN counts as larger than any number.
 */
final class ArgMax {

    private ArgMax() {
    }

    /** The index into the flattened tensor, as a 0-d tensor. */
    static LongTensor argmax(Tensor t) {
        if (t.numel() == 0) {
            throw new IllegalArgumentException(
                    "argmax(): Expected reduction dim to be specified for input.numel() == 0.");
        }
        return LongTensor.scalar(best(t.toFloatArray(), 0, t.numel(), 1));
    }

    /** The index along {@code dim} of each slice; that dimension is dropped unless {@code keepDim}. */
    static LongTensor argmax(Tensor t, int dim, boolean keepDim) {
        int d = Shape.wrapDim(dim, t.dim());
        if (t.dim() == 0) {
            return LongTensor.scalar(0);
        }
        int size = t.shape[d];
        if (size == 0) {
            throw new IllegalArgumentException("argmax(): Expected reduction dim " + d + " to have non-zero size.");
        }
        int inner = Shape.numel(java.util.Arrays.copyOfRange(t.shape, d + 1, t.dim()));
        int outer = t.numel() / (size * inner);
        float[] v = t.toFloatArray();
        long[] out = new long[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                out[o * inner + i] = best(v, o * size * inner + i, size, inner);
            }
        }
        return LongTensor.of(out, reducedShape(t.shape, d, keepDim));
    }

    /** The position (0…n−1) of the largest of n values read from {@code start} every {@code step}. */
    static long best(float[] v, int start, int n, int step) {
        int at = 0;
        float max = v[start];
        for (int k = 1; k < n && !Float.isNaN(max); k++) {
            float x = v[start + k * step];
            if (x > max || Float.isNaN(x)) {
                max = x;
                at = k;
            }
        }
        return at;
    }

    private static int[] reducedShape(int[] shape, int d, boolean keepDim) {
        if (keepDim) {
            int[] out = shape.clone();
            out[d] = 1;
            return out;
        }
        int[] out = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != d) {
                out[j++] = shape[i];
            }
        }
        return out;
    }
}
