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
        Tensor out = weight.detach().indexSelect(0, index).view(outShape);
        int[] weightShape = weight.shape.clone();
        return Op.record(out, "EmbeddingBackward0", g -> {
            Tensor full = Tensor.empty(weightShape);
            Tensor perRow = g.reshape(index.length, dim);
            for (int k = 0; k < index.length; k++) {
                if (index[k] != paddingIdx) {
                    full.select(0, index[k]).addInPlace(perRow.select(0, k));
                }
            }
            return full;
        }, weight);
    }
}
