package dev.rnn4j.internal.kernel;

/**
 * Element-wise loops over strided n-d operands, writing a contiguous result. The last
 * dimension is the inner loop; an odometer walks the others. Zero strides express broadcasting.
 */
public final class Strided {

    /** f(a) for one operand. */
    @FunctionalInterface
    public interface UnaryFn {
        float apply(float a);
    }

    /** f(a, b) for two operands. */
    @FunctionalInterface
    public interface BinaryFn {
        float apply(float a, float b);
    }

    private Strided() {
    }

    /** out[i] = f(a[...]) over {@code shape} in row-major order. */
    public static void map(int[] shape, float[] a, int aOff, int[] aStr, float[] out, UnaryFn f) {
        int n = numel(shape);
        if (n == 0) {
            return;
        }
        if (isContiguous(shape, aStr)) {
            for (int i = 0; i < n; i++) {
                out[i] = f.apply(a[aOff + i]);
            }
            return;
        }
        int rank = shape.length;
        int inner = shape[rank - 1];
        int as = aStr[rank - 1];
        int[] idx = new int[rank];
        int pa = aOff;
        for (int o = 0; o < n; o += inner) {
            for (int j = 0, q = pa; j < inner; j++, q += as) {
                out[o + j] = f.apply(a[q]);
            }
            pa = advance(shape, idx, pa, aStr);
        }
    }

    /** out[i] = f(a[...], b[...]) over {@code shape} in row-major order. */
    public static void map(int[] shape, float[] a, int aOff, int[] aStr, float[] b, int bOff, int[] bStr,
                           float[] out, BinaryFn f) {
        int n = numel(shape);
        if (n == 0) {
            return;
        }
        if (isContiguous(shape, aStr) && isContiguous(shape, bStr)) {
            for (int i = 0; i < n; i++) {
                out[i] = f.apply(a[aOff + i], b[bOff + i]);
            }
            return;
        }
        int rank = shape.length;
        int inner = shape[rank - 1];
        int as = aStr[rank - 1];
        int bs = bStr[rank - 1];
        int[] idxA = new int[rank];
        int[] idxB = new int[rank];
        int pa = aOff;
        int pb = bOff;
        for (int o = 0; o < n; o += inner) {
            for (int j = 0, qa = pa, qb = pb; j < inner; j++, qa += as, qb += bs) {
                out[o + j] = f.apply(a[qa], b[qb]);
            }
            pa = advance(shape, idxA, pa, aStr);
            pb = advance(shape, idxB, pb, bStr);
        }
    }

    /** dst[...] = f(dst[...], src[...]) in place over {@code shape}. */
    public static void update(int[] shape, float[] dst, int dOff, int[] dStr, float[] src, int sOff, int[] sStr,
                              BinaryFn f) {
        int n = numel(shape);
        if (n == 0) {
            return;
        }
        int rank = shape.length;
        if (rank == 0) {
            dst[dOff] = f.apply(dst[dOff], src[sOff]);
            return;
        }
        int inner = shape[rank - 1];
        int ds = dStr[rank - 1];
        int ss = sStr[rank - 1];
        int[] idxD = new int[rank];
        int[] idxS = new int[rank];
        int pd = dOff;
        int ps = sOff;
        for (int o = 0; o < n; o += inner) {
            for (int j = 0, qd = pd, qs = ps; j < inner; j++, qd += ds, qs += ss) {
                dst[qd] = f.apply(dst[qd], src[qs]);
            }
            pd = advance(shape, idxD, pd, dStr);
            ps = advance(shape, idxS, ps, sStr);
        }
    }

    /**
     * dst[...] += src[...] over {@code shape} with src contiguous from sOff: {@link #update} with a plain add, in the
     * same order (so the same roundings), without a call per element. dst strides may be 0 (a reduction).
     */
    public static void addContiguous(int[] shape, float[] dst, int dOff, int[] dStr, float[] src, int sOff) {
        int n = numel(shape);
        if (n == 0) {
            return;
        }
        int rank = shape.length;
        if (rank == 0) {
            dst[dOff] += src[sOff];
            return;
        }
        int inner = shape[rank - 1];
        int ds = dStr[rank - 1];
        int[] idx = new int[rank];
        int pd = dOff;
        for (int o = 0; o < n; o += inner) {
            int base = sOff + o;
            if (ds == 0) {
                float acc = dst[pd];
                for (int j = 0; j < inner; j++) {
                    acc += src[base + j];
                }
                dst[pd] = acc;
            } else {
                for (int j = 0, q = pd; j < inner; j++, q += ds) {
                    dst[q] += src[base + j];
                }
            }
            pd = advance(shape, idx, pd, dStr);
        }
    }

    /** Moves the odometer over all but the last dimension one step; returns the new position. */
    private static int advance(int[] shape, int[] idx, int pos, int[] strides) {
        for (int d = shape.length - 2; d >= 0; d--) {
            idx[d]++;
            pos += strides[d];
            if (idx[d] < shape[d]) {
                return pos;
            }
            pos -= idx[d] * strides[d];
            idx[d] = 0;
        }
        return pos;
    }

    /**
     * Whether row-major order over shape visits storage with unit steps (size-1 dims may have any stride). As in
     * PyTorch, a tensor with no elements is contiguous whatever its strides.
     */
    public static boolean isContiguous(int[] shape, int[] strides) {
        for (int d : shape) {
            if (d == 0) {
                return true;
            }
        }
        int expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }

    private static int numel(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }
}
