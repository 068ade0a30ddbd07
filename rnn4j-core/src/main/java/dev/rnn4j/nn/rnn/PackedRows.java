package dev.rnn4j.nn.rnn;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;

import java.util.Arrays;

/**
 * Moves rows between the padded time-major layout (T, B, *) and the packed layout (Σ batchSizes, *):
 * step t contributes its first {@code batchSizes[t]} rows. Packing and padding are these two moves in
 * opposite directions, and so are their backward passes. Neither records a graph.
 */
final class PackedRows {

    private PackedRows() {
    }

    /** The packed rows of {@code padded} (T, B, *), one block copy per step. */
    static Tensor gather(Tensor padded, int[] batchSizes) {
        int[] shape = padded.shape().toArray();
        int[] packedShape = Arrays.copyOfRange(shape, 1, shape.length);
        packedShape[0] = Arrays.stream(batchSizes).sum();
        Tensor data = Torch.zeros(packedShape);
        Tensor source = padded.detach();
        int offset = 0;
        for (int t = 0; t < batchSizes.length; t++) {
            data.narrow(0, offset, batchSizes[t]).copy_(source.select(0, t).narrow(0, 0, batchSizes[t]));
            offset += batchSizes[t];
        }
        return data;
    }

    /** Writes the packed rows of {@code data} into {@code padded} (T, B, *), leaving the rest as it is. */
    static void scatter(Tensor data, int[] batchSizes, Tensor padded) {
        Tensor source = data.detach();
        int offset = 0;
        for (int t = 0; t < batchSizes.length; t++) {
            padded.select(0, t).narrow(0, 0, batchSizes[t]).copy_(source.narrow(0, offset, batchSizes[t]));
            offset += batchSizes[t];
        }
    }

    /** batchSizes[t] = how many of the (decreasing) lengths exceed t, for t below the longest. */
    static int[] batchSizes(int[] sortedLengths) {
        int[] sizes = new int[sortedLengths[0]];
        for (int length : sortedLengths) {
            for (int t = 0; t < length; t++) {
                sizes[t]++;
            }
        }
        return sizes;
    }

    /** The inverse of {@link #batchSizes}: lengths[b] = how many steps have more than b rows. */
    static int[] lengths(int[] batchSizes) {
        int[] lengths = new int[batchSizes[0]];
        for (int size : batchSizes) {
            for (int b = 0; b < size; b++) {
                lengths[b]++;
            }
        }
        return lengths;
    }
}
