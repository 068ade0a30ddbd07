package dev.rnn4j;

import dev.rnn4j.autograd.Op;

/**
 * embedding: the rows of a (V, D) weight looked up by int64 indices of any shape, giving indices.shape + (D).
 * The backward adds each gradient row into the row it came from, except into {@code paddingIdx}'s row, which
 * never gets a gradient (EmbeddingBackward0). Rows are moved whole, as in {@code index_select}.
 */
final class Lookup {

    private Lookup() {
    }

    /** @param paddingIdx a row in [0, V) that gets no gradient, or −1 for none (as {@code torch.embedding}) */
    static Tensor embedding(Tensor weight, LongTensor indices, int paddingIdx) {
        if (weight.dim() != 2) {
            throw new IllegalArgumentException("'weight' must be 2-D");
        }
        int rows = weight.shape[0];
        int[] index = new int[indices.numel()];
        long[] values = indices.toLongArray();
        for (int k = 0; k < index.length; k++) {
            if (values[k] < 0 || values[k] >= rows) {
                throw new IllegalArgumentException("index out of range in self");
            }
            index[k] = (int) values[k];
        }
        int dim = weight.shape[1];
        int[] shape = indices.shape().toArray();
        int[] outShape = java.util.Arrays.copyOf(shape, shape.length + 1);
        outShape[shape.length] = dim;
        Tensor out = weight.isContiguous() ? gather(weight, index, dim).view(outShape)
                : weight.detach().indexSelect(0, index).view(outShape);
        int[] weightShape = weight.shape.clone();
        return Op.record(out, "EmbeddingBackward0", g -> Op.fresh(scatterAdd(g, index, paddingIdx, weightShape)),
                weight);
    }

    /** The rows index[k] of a contiguous (V, D) weight, as (index.length, D). */
    private static Tensor gather(Tensor weight, int[] index, int dim) {
        Tensor out = Tensor.empty(index.length, dim);
        for (int k = 0; k < index.length; k++) {
            System.arraycopy(weight.data, weight.offset + index[k] * dim, out.data, k * dim, dim);
        }
        return out;
    }

    /** A zero (V, D) gradient with row k of g added into row index[k], in k order (PyTorch's sums, bit for bit). */
    private static Tensor scatterAdd(Tensor g, int[] index, int paddingIdx, int[] weightShape) {
        Tensor full = Tensor.empty(weightShape);
        int dim = weightShape[1];
        Tensor rows = g.contiguous();
        float[] gd = rows.data;
        int go = rows.offset;
        for (int k = 0; k < index.length; k++) {
            if (index[k] != paddingIdx) {
                int row = index[k] * dim, from = go + k * dim;
                for (int j = 0; j < dim; j++) {
                    full.data[row + j] += gd[from + j];
                }
            }
        }
        return full;
    }
}
