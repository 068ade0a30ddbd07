package dev.rnn4j;

import dev.rnn4j.autograd.Op;
import dev.rnn4j.internal.kernel.Strided;

/** Copies between layouts: clone, contiguous data, and the in-place fill/copy/add. */
final class Copy {

    private Copy() {
    }

    static float[] contiguousData(Tensor t) {
        return intoArray(t, new float[t.numel()]);
    }

    /** t's values in row-major order written to out[0, numel); returns out. */
    static float[] intoArray(Tensor t, float[] out) {
        if (Strided.isContiguous(t.shape, t.strides)) {
            System.arraycopy(t.data, t.offset, out, 0, t.numel());
        } else {
            Strided.map(t.shape, t.data, t.offset, t.strides, out, v -> v);
        }
        return out;
    }

    static Tensor clone(Tensor t) {
        return Op.record(new Tensor(contiguousData(t), t.shape.clone()), "CloneBackward0", g -> g, t);
    }

    static void fill(Tensor t, float value) {
        Strided.update(t.shape, t.data, t.offset, t.strides, new float[]{value}, 0, new int[t.shape.length],
                (a, b) -> b);
    }

    static void copyInto(Tensor dst, Tensor src) {
        int[] srcStrides = checkedStrides(dst, src);
        if (Strided.isContiguous(dst.shape, dst.strides) && Strided.isContiguous(dst.shape, srcStrides)) {
            System.arraycopy(src.data, src.offset, dst.data, dst.offset, dst.numel());   // the optimizers' writes
            return;
        }
        Strided.update(dst.shape, dst.data, dst.offset, dst.strides, src.data, src.offset, srcStrides,
                (a, b) -> b);
    }

    static void addInto(Tensor dst, Tensor src, float alpha) {
        int[] srcStrides = checkedStrides(dst, src);
        if (alpha == 1f) {
            Strided.update(dst.shape, dst.data, dst.offset, dst.strides, src.data, src.offset, srcStrides,
                    Float::sum);
        } else {
            Strided.update(dst.shape, dst.data, dst.offset, dst.strides, src.data, src.offset, srcStrides,
                    (a, b) -> a + alpha * b);
        }
    }

    private static int[] checkedStrides(Tensor dst, Tensor src) {
        int[] shape = Shape.broadcast(dst.shape, src.shape);
        if (!java.util.Arrays.equals(shape, dst.shape)) {
            throw new IllegalArgumentException("output with shape " + Shape.list(dst.shape)
                    + " doesn't match the broadcast shape " + Shape.list(shape));
        }
        return Shape.expandedStrides(src.shape, src.strides, dst.shape);
    }
}
