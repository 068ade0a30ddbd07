package dev.rnn4j.nn.rnn;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The order {@code pack_padded_sequence(enforce_sorted=False)} puts sequences in: longest first.
 *
 * <p>PyTorch uses {@code torch.sort(lengths, descending=True)}, whose CPU tie order is stable for up to
 * 16 lengths but not always beyond. rnn4j always breaks ties stably (the earlier sequence first), so
 * the order is deterministic; with more than 16 sequences and equal lengths, {@code data} and
 * {@code sorted_indices} may list tied sequences in another order than PyTorch, while the padded
 * outputs, the lengths and every gradient of the inputs are the same.
 */
final class LengthSort {

    private LengthSort() {
    }

    /** The permutation that sorts {@code lengths} in decreasing order, ties by position. */
    static int[] descending(int[] lengths) {
        Integer[] order = new Integer[lengths.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> lengths[i]).reversed());
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    /** {@code values[permutation[i]]} for each i, as {@code values[permutation]} in PyTorch. */
    static int[] permute(int[] values, int[] permutation) {
        int[] out = new int[permutation.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[permutation[i]];
        }
        return out;
    }
}
