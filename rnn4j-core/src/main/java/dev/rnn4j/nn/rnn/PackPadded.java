package dev.rnn4j.nn.rnn;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.autograd.Op;

import java.util.function.UnaryOperator;

/**
 * {@code pack_padded_sequence}: sort when asked, then copy each step's running rows into {@code data}.
 * The copy is one recorded operation, {@code PackPaddedSequenceBackward0}, as PyTorch's
 * {@code _pack_padded_sequence} (which also does the batch-first transpose inside, unrecorded).
 */
final class PackPadded {

    private PackPadded() {
    }

    static PackedSequence pack(Tensor input, int[] lengths, boolean batchFirst, boolean enforceSorted) {
        int[] sortedIndices = enforceSorted ? null : LengthSort.descending(lengths);
        int[] sortedLengths = enforceSorted ? lengths.clone() : LengthSort.permute(lengths, sortedIndices);
        PackingChecks.checkPack(input.shape().toArray(), sortedLengths, batchFirst);

        Tensor sorted = enforceSorted ? input : input.indexSelect(batchFirst ? 0 : 1, sortedIndices);
        int[] batchSizes = PackedRows.batchSizes(sortedLengths);
        Tensor timeMajor = batchFirst ? sorted.detach().transpose(0, 1) : sorted.detach();
        Tensor data = PackedRows.gather(timeMajor, batchSizes);
        Op.record(data, "PackPaddedSequenceBackward0", backward(sorted, batchSizes, batchFirst), sorted);
        return PackedSequence.of(data, batchSizes, sortedIndices);
    }

    /** Scatters the packed gradient into zeros of the padded shape; padding gets none. */
    private static UnaryOperator<Tensor> backward(Tensor sorted, int[] batchSizes, boolean batchFirst) {
        int[] shape = sorted.shape().toArray();
        int[] timeMajorShape = shape.clone();
        if (batchFirst) {
            timeMajorShape[0] = shape[1];
            timeMajorShape[1] = shape[0];
        }
        return g -> {
            Tensor padded = Torch.zeros(timeMajorShape);
            PackedRows.scatter(g, batchSizes, padded);
            return batchFirst ? padded.transpose(0, 1).contiguous() : padded;
        };
    }
}
