package dev.rnn4j;

import dev.rnn4j.format.TensorFormat;

import java.util.Arrays;
import java.util.List;

/**
 * An immutable, contiguous int64 tensor: what integer data in a checkpoint loads as (int64,
 * int32, int16, int8, uint8 and bool all widen to it). rnn4j computes only in float32, so this
 * type only carries values: shape, elements, equality and PyTorch's printed form.
 */
public final class LongTensor {

    private final long[] data;
    private final int[] shape;

    /** Takes {@code data} without copying; callers hand over a fresh array. */
    private LongTensor(long[] data, int[] shape) {
        this.data = data;
        this.shape = shape;
    }

    /** A copy of {@code data} in {@code shape} (a 0-d tensor when {@code shape} is empty). */
    public static LongTensor of(long[] data, int[] shape) {
        Shape.checkNonNegative(shape);
        if (Shape.numel(shape) != data.length) {
            throw new IllegalArgumentException("shape " + Shape.list(shape) + " does not hold " + data.length
                    + " values");
        }
        return new LongTensor(data.clone(), shape.clone());
    }

    /** A 0-d tensor, as {@code torch.tensor(5)}. */
    public static LongTensor scalar(long value) {
        return new LongTensor(new long[]{value}, new int[0]);
    }

    public Size shape() {
        return new Size(shape);
    }

    public int dim() {
        return shape.length;
    }

    public int numel() {
        return data.length;
    }

    /** The values in row-major order, as a new array. */
    public long[] toLongArray() {
        return data.clone();
    }

    /** The element at the given indices (one per dimension; negative ones count from the end). */
    public long getLong(int... indices) {
        if (indices.length != shape.length) {
            throw new IllegalArgumentException("expected " + shape.length + " indices, got " + indices.length);
        }
        int pos = 0;
        for (int d = 0; d < indices.length; d++) {
            int i = indices[d] < 0 ? indices[d] + shape[d] : indices[d];
            if (i < 0 || i >= shape[d]) {
                throw new IndexOutOfBoundsException("index " + indices[d] + " is out of bounds for dimension " + d
                        + " with size " + shape[d]);
            }
            pos = pos * shape[d] + i;
        }
        return data[pos];
    }

    /** The one value of a one-element tensor. */
    public long item() {
        if (data.length != 1) {
            throw new IllegalArgumentException("a Tensor with " + data.length
                    + " elements cannot be converted to Scalar");
        }
        return data[0];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LongTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    /** PyTorch's repr of an int64 tensor: {@code tensor([1, 2, 3])}. */
    @Override
    public String toString() {
        return TensorFormat.reprLong(data, shape, List.of());
    }
}
