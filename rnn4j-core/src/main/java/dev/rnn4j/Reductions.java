package dev.rnn4j;

import dev.rnn4j.autograd.Op;

import dev.rnn4j.internal.kernel.Strided;

import java.util.Arrays;

/** sum and mean, over everything or over dimensions, and the reduction of a broadcast gradient. */
final class Reductions {

    private Reductions() {
    }

    static Tensor sumAll(Tensor t) {
        Tensor out = new Tensor(new float[]{(float) total(t)}, new int[0]);
        return Op.record(out, "SumBackward0", g -> g.expand(t.shape), t);
    }

    static Tensor meanAll(Tensor t) {
        int n = t.numel();
        Tensor out = new Tensor(new float[]{(float) (total(t) / n)}, new int[0]);
        return Op.record(out, "MeanBackward0", g -> g.div(n).expand(t.shape), t);
    }

    static Tensor sum(Tensor t, int[] dims, boolean keepDim) {
        boolean[] reduced = reducedDims(t, dims);
        Tensor out = sumKeepDim(t, reduced);
        Tensor result = keepDim ? out : dropDims(out, reduced);
        return Op.record(result, "SumBackward1", g -> g.reshape(out.shape).expand(t.shape), t);
    }

    static Tensor mean(Tensor t, int[] dims, boolean keepDim) {
        boolean[] reduced = reducedDims(t, dims);
        int count = 1;
        for (int d = 0; d < t.dim(); d++) {
            count *= reduced[d] ? t.shape[d] : 1;
        }
        int n = count;
        Tensor out = sumKeepDim(t, reduced);
        for (int i = 0; i < out.data.length; i++) {
            out.data[i] /= n;
        }
        Tensor result = keepDim ? out : dropDims(out, reduced);
        return Op.record(result, "MeanBackward1", g -> g.div(n).reshape(out.shape).expand(t.shape), t);
    }

    /** The largest value along d, kept as a dimension of size 1; a NaN wins. No graph: softmax's shift. */
    static Tensor amax(Tensor t, int d) {
        boolean[] reduced = new boolean[t.dim()];
        reduced[d] = true;
        Tensor out = Tensor.empty(keptShape(t.shape, reduced));
        Arrays.fill(out.data, Float.NEGATIVE_INFINITY);
        int[] outStrides = Shape.expandedStrides(out.shape, out.strides, t.shape);
        Strided.update(t.shape, out.data, 0, outStrides, t.data, t.offset, t.strides, Math::max);
        return out;
    }

    /** Sums a gradient of a broadcast result back to the shape of the operand that was broadcast. */
    static Tensor sumToShape(Tensor g, int[] shape) {
        if (Arrays.equals(g.shape, shape)) {
            return g;
        }
        int lead = g.dim() - shape.length;
        boolean[] reduced = new boolean[g.dim()];
        for (int d = 0; d < g.dim(); d++) {
            reduced[d] = d < lead || (shape[d - lead] == 1 && g.shape[d] != 1);
        }
        return sumKeepDim(g, reduced).reshape(shape);
    }

    private static double total(Tensor t) {
        float[] flat = t.isContiguous() ? null : Copy.contiguousData(t);
        double s = 0;
        int n = t.numel();
        for (int i = 0; i < n; i++) {
            s += flat == null ? t.data[t.offset + i] : flat[i];
        }
        return s;
    }

    private static Tensor sumKeepDim(Tensor t, boolean[] reduced) {
        Tensor out = Tensor.empty(keptShape(t.shape, reduced));
        int[] outStrides = Shape.expandedStrides(out.shape, out.strides, t.shape);
        if (t.isContiguous()) {
            Strided.addContiguous(t.shape, out.data, 0, outStrides, t.data, t.offset);
        } else {
            Strided.update(t.shape, out.data, 0, outStrides, t.data, t.offset, t.strides, Float::sum);
        }
        return out;
    }

    private static int[] keptShape(int[] shape, boolean[] reduced) {
        int[] out = shape.clone();
        for (int d = 0; d < out.length; d++) {
            if (reduced[d]) {
                out[d] = 1;
            }
        }
        return out;
    }

    private static boolean[] reducedDims(Tensor t, int[] dims) {
        boolean[] reduced = new boolean[t.dim()];
        for (int dim : dims) {
            int d = Shape.wrapDim(dim, t.dim());
            if (reduced[d]) {
                throw new IllegalArgumentException("dim " + d + " appears multiple times in the list of dims");
            }
            reduced[d] = true;
        }
        return reduced;
    }

    private static Tensor dropDims(Tensor t, boolean[] reduced) {
        int[] shape = new int[t.dim()];
        int k = 0;
        for (int d = 0; d < t.dim(); d++) {
            if (!reduced[d]) {
                shape[k++] = t.shape[d];
            }
        }
        int[] kept = Arrays.copyOf(shape, k);
        return Tensor.viewOf(t, 0, kept, Shape.contiguousStrides(kept));
    }
}
