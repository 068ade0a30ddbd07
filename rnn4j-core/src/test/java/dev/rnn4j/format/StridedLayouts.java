package dev.rnn4j.format;

import java.util.Arrays;

/**
 * The same logical tensor stored in other ways, to check that printing follows
 * offset and strides rather than assuming a contiguous array.
 */
final class StridedLayouts {

    /** A backing array with the offset and strides that view it as the original tensor. */
    record Stored(float[] data, int offset, int[] strides) {
    }

    private StridedLayouts() {
    }

    /** Row-major strides. */
    static int[] contiguous(int[] shape) {
        return StridedView.contiguousStrides(shape);
    }

    /**
     * The tensor kept as its full transpose (dims reversed, stored row-major), viewed back
     * through transposed strides: for a matrix, {@code a.t().contiguous().t()}.
     */
    static Stored transposed(float[] values, int[] shape) {
        int rank = shape.length;
        int[] reversed = new int[rank];
        for (int d = 0; d < rank; d++) {
            reversed[d] = shape[rank - 1 - d];
        }
        int[] reversedStrides = contiguous(reversed);
        int[] strides = new int[rank];
        for (int d = 0; d < rank; d++) {
            strides[d] = reversedStrides[rank - 1 - d];
        }
        float[] data = new float[values.length];
        int[] index = new int[rank];
        for (int flat = 0; flat < values.length; flat++) {
            data[position(index, strides, 0)] = values[flat];
            increment(index, shape);
        }
        return new Stored(data, 0, strides);
    }

    /** Every other slot of a larger array, after an offset; the gaps hold junk that must not show. */
    static Stored spread(float[] values, int[] shape, int offset) {
        int[] strides = contiguous(shape);
        for (int d = 0; d < strides.length; d++) {
            strides[d] *= 2;
        }
        float[] data = new float[offset + 2 * values.length + 1];
        Arrays.fill(data, 1e30f);
        for (int i = 0; i < values.length; i++) {
            data[offset + 2 * i] = values[i];
        }
        return new Stored(data, offset, strides);
    }

    private static int position(int[] index, int[] strides, int offset) {
        int p = offset;
        for (int d = 0; d < index.length; d++) {
            p += index[d] * strides[d];
        }
        return p;
    }

    /** Row-major odometer step. */
    private static void increment(int[] index, int[] shape) {
        for (int d = index.length - 1; d >= 0; d--) {
            if (++index[d] < shape[d]) {
                return;
            }
            index[d] = 0;
        }
    }
}
