package dev.rnn4j.nn.rnn;

import dev.rnn4j.Shape;
import dev.rnn4j.Tensor;

import java.util.List;

/**
 * The argument checks of the packing functions, with PyTorch 2.x's messages and in its order. They
 * look at shapes and lengths only, so every one of them runs before anything is built.
 */
final class PackingChecks {

    private PackingChecks() {
    }

    /**
     * {@code _pack_padded_sequence}'s checks, on the input's shape and the lengths in packing order
     * (sorted already when {@code enforce_sorted=False}).
     */
    static void checkPack(int[] shape, int[] sortedLengths, boolean batchFirst) {
        if (shape.length == 0 && !batchFirst) {
            throw new IllegalArgumentException("Dimension specified as 1 but tensor has no dimensions");
        }
        Shape.wrapDim(1, shape.length);
        if (Shape.numel(shape) == 0) {
            throw new IllegalArgumentException("Cannot pack empty tensors.");
        }
        int steps = shape[batchFirst ? 1 : 0];
        int batch = shape[batchFirst ? 0 : 1];
        int n = sortedLengths.length;
        // PyTorch checks the count only after index_select when enforce_sorted=False, so there a
        // shorter list silently drops sequences; rnn4j rejects it here in both modes.
        if (n != batch) {
            throw new IllegalArgumentException("Expected `len(lengths)` to be equal to batch_size, but got " + n
                    + " (batch_size=" + batch + ")");
        }
        // as PyTorch: only the last length is checked; the order check below covers the others
        if (sortedLengths[n - 1] <= 0) {
            throw new IllegalArgumentException("Length of all samples has to be greater than 0, but found an "
                    + "element in 'lengths' that is <= 0");
        }
        for (int i = n - 1; i > 0; i--) {
            if (sortedLengths[i] > sortedLengths[i - 1]) {
                throw new IllegalArgumentException("`lengths` array must be sorted in decreasing order when "
                        + "`enforce_sorted` is True. You can pass `enforce_sorted=False` to pack_padded_sequence "
                        + "and/or pack_sequence to sidestep this requirement if you do not need ONNX "
                        + "exportability.");
            }
        }
        // PyTorch accepts this and returns batch_sizes that count more rows than data holds;
        // rnn4j refuses to build such an inconsistent pack.
        if (sortedLengths[0] > steps) {
            throw new IllegalArgumentException("Expected all lengths to be at most the padded sequence length "
                    + steps + ", but found a length of " + sortedLengths[0]);
        }
    }

    /** {@code pad_packed_sequence}'s check of {@code total_length}. */
    static void checkTotalLength(Integer totalLength, int maxSeqLength) {
        if (totalLength != null && totalLength < maxSeqLength) {
            throw new IllegalArgumentException("Expected total_length to be at least the length of the longest "
                    + "sequence in input, but got total_length=" + totalLength + " and max sequence length being "
                    + maxSeqLength);
        }
    }

    /** {@code pad_sequence}'s checks, including the broadcast that each sequence's {@code copy_} does. */
    static void checkPadSequence(List<Tensor> sequences, String paddingSide) {
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("received an empty list of sequences");
        }
        if (!paddingSide.equals("left") && !paddingSide.equals("right")) {
            throw new IllegalArgumentException("Expected padding_side to be one of left or right, but got "
                    + paddingSide + ".");
        }
        if (sequences.get(0).dim() == 0) {
            throw new IllegalArgumentException("ArrayRef: invalid slice, N = 1; size = 0");
        }
        for (Tensor s : sequences) {
            if (s.dim() == 0) {
                throw new IllegalArgumentException("Dimension specified as 0 but tensor has no dimensions");
            }
        }
        int[] first = sequences.get(0).shape().toArray();
        for (Tensor s : sequences) {
            int[] slot = first.clone();
            slot[0] = s.size(0);
            int[] shape = s.shape().toArray();
            int[] broadcast = Shape.broadcast(slot, shape);
            if (!java.util.Arrays.equals(broadcast, slot)) {
                throw new IllegalArgumentException("output with shape " + Shape.list(slot)
                        + " doesn't match the broadcast shape " + Shape.list(broadcast));
            }
        }
    }

    /** {@code unpad_sequence}'s checks: a batch dimension to iterate, and one length per sequence. */
    static void checkUnpad(int[] shape, int[] lengths, boolean batchFirst) {
        if (shape.length < 2) {
            if (batchFirst) {
                throw new IllegalArgumentException("tuple index out of range");
            }
            Shape.wrapDim(1, shape.length);
        }
        int batch = shape[batchFirst ? 0 : 1];
        if (lengths.length != batch) {
            // Python's zip(..., strict=True)
            throw new IllegalArgumentException("zip() argument 2 is " + (lengths.length > batch ? "longer" : "shorter")
                    + " than argument 1");
        }
    }
}
