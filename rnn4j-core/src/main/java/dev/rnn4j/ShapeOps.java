package dev.rnn4j;

import dev.rnn4j.autograd.Op;

import dev.rnn4j.autograd.Node;

import java.util.Arrays;

/**
 * Views: new shape and strides over the same storage. Each records a node whose backward
 * routes the gradient back into the input's shape.
 */
final class ShapeOps {

    private ShapeOps() {
    }

    static Tensor view(Tensor t, int[] requested, String gradName) {
        int[] shape = Shape.inferSize(requested, t.numel());
        if (!t.isContiguous()) {
            throw new IllegalArgumentException("view size is not compatible with input tensor's size and stride (at "
                    + "least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.");
        }
        Tensor out = Tensor.viewOf(t, t.offset, shape, Shape.contiguousStrides(shape));
        return Op.record(out, gradName, g -> g.reshape(t.shape), t);
    }

    static Tensor reshape(Tensor t, int[] requested) {
        if (t.isContiguous()) {
            return view(t, requested, "ViewBackward0");
        }
        int[] shape = Shape.inferSize(requested, t.numel());
        Tensor copy = new Tensor(Copy.contiguousData(t), shape);
        return Op.record(copy, "UnsafeViewBackward0", g -> g.reshape(t.shape), t);
    }

    static Tensor alias(Tensor t, String gradName) {
        return Op.record(Tensor.viewOf(t, t.offset, t.shape, t.strides), gradName, g -> g, t);
    }

    static Tensor transpose(Tensor t, int dim0, int dim1, String gradName) {
        int d0 = Shape.wrapDim(dim0, t.dim());
        int d1 = Shape.wrapDim(dim1, t.dim());
        int[] shape = t.shape.clone();
        int[] strides = t.strides.clone();
        swap(shape, d0, d1);
        swap(strides, d0, d1);
        Tensor out = Tensor.viewOf(t, t.offset, shape, strides);
        return Op.record(out, gradName, g -> g.transpose(d0, d1).contiguous(), t);
    }

    static Tensor select(Tensor t, int dim, int index, String gradName) {
        if (t.dim() == 0) {
            throw new IllegalArgumentException("select() cannot be applied to a 0-dim tensor.");
        }
        int d = Shape.wrapDim(dim, t.dim());
        int size = t.shape[d];
        if (index < -size || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " is out of bounds for dimension " + d
                    + " with size " + size);
        }
        int i = index < 0 ? index + size : index;
        Tensor out = Tensor.viewOf(t, t.offset + i * t.strides[d], remove(t.shape, d), remove(t.strides, d));
        return Op.record(out, gradName, g -> {
            Tensor full = Tensor.empty(t.shape);
            full.select(d, i).copy_(g);
            return full;
        }, t);
    }

    static Tensor narrow(Tensor t, int dim, int start, int length) {
        int d = Shape.wrapDim(dim, t.dim());
        if (start < 0 || length < 0 || start + length > t.shape[d]) {
            throw new IndexOutOfBoundsException("start (" + start + ") + length (" + length
                    + ") exceeds dimension size (" + t.shape[d] + ").");
        }
        int[] shape = t.shape.clone();
        shape[d] = length;
        Tensor out = Tensor.viewOf(t, t.offset + start * t.strides[d], shape, t.strides.clone());
        return Op.record(out, "SliceBackward0", g -> {
            Tensor full = Tensor.empty(t.shape);
            full.narrow(d, start, length).copy_(g);
            return full;
        }, t);
    }

    static Tensor unsqueeze(Tensor t, int dim) {
        int d = Shape.wrapDim(dim, t.dim() + 1);
        int stride = d < t.dim() ? t.shape[d] * t.strides[d] : 1;
        Tensor out = Tensor.viewOf(t, t.offset, insert(t.shape, d, 1), insert(t.strides, d, stride));
        return Op.record(out, "UnsqueezeBackward0", g -> g.squeeze(d), t);
    }

    static Tensor squeeze(Tensor t, int dim, String gradName) {
        if (t.dim() == 0) {
            return alias(t, gradName);
        }
        int d = Shape.wrapDim(dim, t.dim());
        if (t.shape[d] != 1) {
            return alias(t, gradName);
        }
        Tensor out = Tensor.viewOf(t, t.offset, remove(t.shape, d), remove(t.strides, d));
        return Op.record(out, gradName, g -> g.reshape(t.shape), t);
    }

    static Tensor squeezeAll(Tensor t) {
        int[] shape = Arrays.stream(t.shape).filter(s -> s != 1).toArray();
        int[] strides = new int[shape.length];
        for (int i = 0, j = 0; i < t.dim(); i++) {
            if (t.shape[i] != 1) {
                strides[j++] = t.strides[i];
            }
        }
        return Op.record(Tensor.viewOf(t, t.offset, shape, strides), "SqueezeBackward0", g -> g.reshape(t.shape), t);
    }

    static Tensor expand(Tensor t, int[] sizes) {
        if (sizes.length < t.dim()) {
            throw new IllegalArgumentException("expand: the number of sizes provided (" + sizes.length
                    + ") must be greater or equal to the number of dimensions in the tensor (" + t.dim() + ")");
        }
        int lead = sizes.length - t.dim();
        int[] shape = new int[sizes.length];
        int[] strides = new int[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            int j = i - lead;
            int own = j < 0 ? 1 : t.shape[j];
            int want = sizes[i] == -1 && j >= 0 ? own : sizes[i];
            if (own != want && own != 1) {
                throw new IllegalArgumentException("The expanded size of the tensor (" + want + ") must match the "
                        + "existing size (" + own + ") at non-singleton dimension " + i + ".  Target sizes: "
                        + Shape.list(sizes) + ".  Tensor sizes: " + Shape.list(t.shape));
            }
            shape[i] = want;
            strides[i] = j < 0 || own == 1 ? 0 : t.strides[j];
        }
        return Op.record(Tensor.viewOf(t, t.offset, shape, strides), "ExpandBackward0", g -> Reductions.sumToShape(g, t.shape), t);
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    private static int[] remove(int[] a, int index) {
        int[] out = new int[a.length - 1];
        System.arraycopy(a, 0, out, 0, index);
        System.arraycopy(a, index + 1, out, index, a.length - index - 1);
        return out;
    }

    private static int[] insert(int[] a, int index, int value) {
        int[] out = new int[a.length + 1];
        System.arraycopy(a, 0, out, 0, index);
        out[index] = value;
        System.arraycopy(a, index, out, index + 1, a.length - index);
        return out;
    }
}
