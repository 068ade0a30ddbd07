package dev.rnn4j.io;

/**
 * A tensor as a pickle describes it, before its data is read: a view of {@code storage}
 * ({@code offset}, {@code shape} and {@code strides} in elements of {@code dtype}), whether it
 * requires a gradient and whether it was an {@code nn.Parameter}. The rebuild functions check
 * that every element it reaches lies inside the storage.
 */
record TensorRef(StorageRef storage, DType dtype, long offset, int[] shape, int[] strides, boolean requiresGrad,
                 boolean parameter) {

    long numel() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    TensorRef withParameter(boolean requires) {
        return new TensorRef(storage, dtype, offset, shape, strides, requires, true);
    }
}
