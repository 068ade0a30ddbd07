package dev.rnn4j;

import dev.rnn4j.autograd.Op;

import dev.rnn4j.autograd.Node;

/**
 * {@code index_select}: the slices of one dimension at the given indices, copied into a new tensor.
 * Slices are moved whole (one {@code select}/{@code copy_} each), never element by element.
 */
final class IndexSelect {

    private IndexSelect() {
    }

    static Tensor indexSelect(Tensor t, int dim, int[] index) {
        if (t.dim() == 0) {
            return scalar(t, dim, index);
        }
        int d = Shape.wrapDim(dim, t.dim());
        int size = t.shape[d];
        for (int i : index) {
            // PyTorch 2.x's CPU check; negative indices are not wrapped
            if (i < 0 || i >= size) {
                throw new IllegalArgumentException("INDICES element is out of DATA bounds, id=" + i
                        + " axis_dim=" + size);
            }
        }
        int[] shape = t.shape.clone();
        shape[d] = index.length;
        Tensor out = Tensor.empty(shape);
        Tensor source = t.detach();
        for (int k = 0; k < index.length; k++) {
            out.select(d, k).copy_(source.select(d, index[k]));
        }
        return record(out, t, d, index.clone());
    }

    /** A 0-d tensor reads as a vector of one element; its only valid index is 0. */
    private static Tensor scalar(Tensor t, int dim, int[] index) {
        Shape.wrapDim(dim, 0);
        if (index.length != 1) {
            throw new IllegalArgumentException("index_select(): Index to scalar can have only 1 value, got "
                    + index.length + " value(s)");
        }
        if (index[0] != 0) {
            throw new IllegalArgumentException("index out of range in self");
        }
        Tensor out = Tensor.empty();
        out.copy_(t.detach());
        return Op.record(out, "IndexSelectBackward0", g -> g, t);
    }

    /** Backward: each gradient slice is added back at its index (an index may repeat). */
    private static Tensor record(Tensor out, Tensor t, int d, int[] index) {
        int[] inputShape = t.shape.clone();
        return Op.record(out, "IndexSelectBackward0", g -> {
            Tensor full = Tensor.empty(inputShape);
            for (int k = 0; k < index.length; k++) {
                full.select(d, index[k]).addInPlace(g.select(d, k));
            }
            return full;
        }, t);
    }
}
