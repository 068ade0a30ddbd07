package dev.rnn4j.nn.rnn;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.autograd.Op;


/**
 * {@code pad_packed_sequence}: the packed rows written into a tensor full of the padding value, then
 * transposed for batch-first and put back in the original batch order. The grad_fn is PyTorch's at
 * each stage: {@code CopySlices} (the writes), {@code TransposeBackward0}, {@code IndexSelectBackward0}.
 */
final class PadPacked {

    private PadPacked() {
    }

    static Padded pad(PackedSequence sequence, boolean batchFirst, float paddingValue, Integer totalLength) {
        int[] batchSizes = sequence.batchSizes();
        PackingChecks.checkTotalLength(totalLength, batchSizes.length);
        int steps = totalLength == null ? batchSizes.length : totalLength;

        Tensor data = sequence.data();
        int[] dataShape = data.shape().toArray();
        int[] shape = new int[dataShape.length + 1];
        shape[0] = steps;
        shape[1] = batchSizes[0];
        System.arraycopy(dataShape, 1, shape, 2, dataShape.length - 1);
        Tensor output = Torch.full(shape, paddingValue);
        PackedRows.scatter(data, batchSizes, output);
        // the gradient of data is the packed rows of the output's gradient
        int[] sizes = batchSizes.clone();
        Op.record(output, "CopySlices", g -> PackedRows.gather(g, sizes), data);

        if (batchFirst) {
            output = output.transpose(0, 1);
        }
        int[] lengths = PackedRows.lengths(batchSizes);
        int[] unsorted = sequence.unsortedIndices();
        if (unsorted != null) {
            output = output.indexSelect(batchFirst ? 0 : 1, unsorted);
            lengths = LengthSort.permute(lengths, unsorted);
        }
        return new Padded(output, lengths);
    }

}
