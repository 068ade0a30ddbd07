package dev.rnn4j;

import dev.rnn4j.autograd.Op;


/** cat: copies slabs of equal outer shape side by side along one dimension. */
final class Joins {

    private Joins() {
    }

    static Tensor cat(Tensor[] tensors, int dim, String gradName) {
        if (tensors.length == 0) {
            throw new IllegalArgumentException("torch.cat(): expected a non-empty list of Tensors");
        }
        int[] first = tensors[0].shape;
        int d = Shape.wrapDim(dim, first.length);
        int total = 0;
        for (int i = 0; i < tensors.length; i++) {
            int[] s = tensors[i].shape;
            for (int k = 0; k < first.length; k++) {
                if (s.length != first.length || (k != d && s[k] != first[k])) {
                    throw new IllegalArgumentException("Sizes of tensors must match except in dimension " + d
                            + ". Expected size " + first[k] + " but got size " + (s.length > k ? s[k] : 0)
                            + " for tensor number " + i + " in the list.");
                }
            }
            total += s[d];
        }
        int[] shape = first.clone();
        shape[d] = total;
        Tensor out = Tensor.empty(shape);
        int[] sizes = new int[tensors.length];
        int at = 0;
        for (int i = 0; i < tensors.length; i++) {
            sizes[i] = tensors[i].shape[d];
            out.narrow(d, at, sizes[i]).copy_(tensors[i]);
            at += sizes[i];
        }
        // each input's gradient is its slice of g along d
        return Op.record(out, gradName, (g, s) -> {
            Tensor[] grads = new Tensor[sizes.length];
            int start = 0;
            for (int i = 0; i < sizes.length; i++) {
                grads[i] = g[0].narrow(d, start, sizes[i]);
                start += sizes[i];
            }
            return grads;
        }, tensors);
    }

}
