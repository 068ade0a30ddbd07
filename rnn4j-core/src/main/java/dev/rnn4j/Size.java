package dev.rnn4j;

import dev.rnn4j.format.TensorFormat;

import java.util.Arrays;

/** A tensor's sizes, printed as PyTorch prints {@code torch.Size}: {@code torch.Size([1, 4])}. */
public final class Size {

    private final int[] dims;

    Size(int[] dims) {
        this.dims = dims.clone();
    }

    public int get(int i) {
        return dims[Shape.wrapDim(i, dims.length)];
    }

    public int length() {
        return dims.length;
    }

    public int[] toArray() {
        return dims.clone();
    }

    public int numel() {
        return Shape.numel(dims);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Size s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return TensorFormat.size(dims);
    }
}
