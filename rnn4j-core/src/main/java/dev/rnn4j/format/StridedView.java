package dev.rnn4j.format;

import java.util.Arrays;

/**
 * Where the elements of a strided tensor lie in its backing array: element
 * {@code (i0, i1, ...)} is at {@code offset + i0*strides[0] + i1*strides[1] + ...}.
 * This lets transposed and sliced views print without being copied.
 */
record StridedView(int[] shape, int[] strides, int offset) {

    StridedView {
        if (shape.length != strides.length) {
            throw new IllegalArgumentException("shape has " + shape.length + " dims but strides have "
                    + strides.length);
        }
        for (int size : shape) {
            if (size < 0) {
                throw new IllegalArgumentException("negative size in shape");
            }
        }
    }

    /** Row-major strides for {@code shape}. */
    static int[] contiguousStrides(int[] shape) {
        int[] strides = new int[shape.length];
        int step = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = step;
            step *= Math.max(shape[d], 1);
        }
        return strides;
    }

    int dim() {
        return shape.length;
    }

    int size(int d) {
        return shape[d];
    }

    /** Element count, as a long so that huge shapes do not overflow. */
    long numel() {
        long n = 1;
        for (int size : shape) {
            n *= size;
        }
        return n;
    }

    /** {@code t[index]}: the view without its first dimension. */
    StridedView select(int index) {
        int[] subShape = Arrays.copyOfRange(shape, 1, shape.length);
        int[] subStrides = Arrays.copyOfRange(strides, 1, strides.length);
        return new StridedView(subShape, subStrides, offset + index * strides[0]);
    }

    /** Storage position of element {@code index} of a 1-d view. */
    int position(int index) {
        return offset + index * strides[0];
    }
}
