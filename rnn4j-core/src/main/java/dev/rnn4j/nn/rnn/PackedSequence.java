package dev.rnn4j.nn.rnn;

import dev.rnn4j.Tensor;
import dev.rnn4j.format.TensorFormat;

import java.util.Arrays;
import java.util.List;

/**
 * A batch of variable-length sequences packed time step by time step, as PyTorch's
 * {@code PackedSequence}: {@code data} holds, for each step t, the rows of the
 * {@code batchSizes[t]} sequences still running, longest first.
 *
 * @param data            (Σ batchSizes, *) the packed rows
 * @param batchSizes      how many sequences run at each step; non-increasing
 * @param sortedIndices   the batch order of the sequences in {@code data} (longest first), or null when
 *                        the input was already sorted
 * @param unsortedIndices the inverse permutation of {@code sortedIndices}, or null
 */
public record PackedSequence(Tensor data, int[] batchSizes, int[] sortedIndices, int[] unsortedIndices) {

    public PackedSequence {
        if (batchSizes.length == 0) {
            throw new IllegalArgumentException("batch_sizes must not be empty");
        }
        if ((sortedIndices == null) != (unsortedIndices == null)) {
            throw new IllegalArgumentException("sorted_indices and unsorted_indices are given together or not at all");
        }
        batchSizes = batchSizes.clone();
        sortedIndices = sortedIndices == null ? null : sortedIndices.clone();
        unsortedIndices = unsortedIndices == null ? null : unsortedIndices.clone();
    }

    /** A packed sequence whose unsorted indices are the inverse of {@code sortedIndices}, as PyTorch builds it. */
    public static PackedSequence of(Tensor data, int[] batchSizes, int[] sortedIndices) {
        return new PackedSequence(data, batchSizes, sortedIndices,
                sortedIndices == null ? null : invert(sortedIndices));
    }

    /** The permutation p⁻¹ with p⁻¹[p[i]] = i. */
    public static int[] invert(int[] permutation) {
        int[] inverse = new int[permutation.length];
        for (int i = 0; i < permutation.length; i++) {
            inverse[permutation[i]] = i;
        }
        return inverse;
    }

    /** The number of sequences. */
    public int batchSize() {
        return batchSizes[0];
    }

    @Override
    public int[] batchSizes() {
        return batchSizes.clone();
    }

    @Override
    public int[] sortedIndices() {
        return sortedIndices == null ? null : sortedIndices.clone();
    }

    @Override
    public int[] unsortedIndices() {
        return unsortedIndices == null ? null : unsortedIndices.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PackedSequence p && p.data == data && Arrays.equals(p.batchSizes, batchSizes)
                && Arrays.equals(p.sortedIndices, sortedIndices) && Arrays.equals(p.unsortedIndices, unsortedIndices);
    }

    @Override
    public int hashCode() {
        return 31 * data.hashCode() + Arrays.hashCode(batchSizes);
    }

    /** PyTorch's repr: {@code PackedSequence(data=tensor(...), batch_sizes=tensor([3, 2]), sorted_indices=…, unsorted_indices=…)}. */
    @Override
    public String toString() {
        return "PackedSequence(data=" + data + ", batch_sizes=" + longs(batchSizes) + ", sorted_indices="
                + longs(sortedIndices) + ", unsorted_indices=" + longs(unsortedIndices) + ")";
    }

    private static String longs(int[] v) {
        if (v == null) {
            return "None";
        }
        return TensorFormat.reprLong(Arrays.stream(v).asLongStream().toArray(), new int[]{v.length}, List.of());
    }
}
