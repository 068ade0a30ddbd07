package dev.rnn4j.nn.rnn;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.autograd.Op;

import java.util.function.UnaryOperator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code unpad_sequence}: the first {@code lengths[b]} steps of each sequence, each a copy whose
 * grad_fn is {@code IndexBackward0}, as PyTorch's boolean-mask indexing {@code seq[idx < length]}.
 *
 * <p>PyTorch transposes its argument in place ({@code transpose_}) when not batch-first, so the
 * caller's tensor is left transposed, and a leaf that requires grad is refused; rnn4j reads a
 * transposed view instead and leaves the argument as it was. As with the mask, a length above T
 * keeps all T steps and a length of 0 or less keeps none.
 */
final class Unpad {

    private Unpad() {
    }

    static List<Tensor> unpad(Tensor padded, int[] lengths, boolean batchFirst) {
        int[] shape = padded.shape().toArray();
        PackingChecks.checkUnpad(shape, lengths, batchFirst);
        Tensor batchMajor = batchFirst ? padded.detach() : padded.detach().transpose(0, 1);
        int steps = batchMajor.size(1);
        List<Tensor> out = new ArrayList<>(lengths.length);
        for (int b = 0; b < lengths.length; b++) {
            int length = Math.max(0, Math.min(lengths[b], steps));
            Tensor rows = batchMajor.select(0, b).narrow(0, 0, length);
            Tensor sequence = Torch.zeros(rows.shape().toArray()).copy_(rows);
            out.add(Op.record(sequence, "IndexBackward0", backward(shape, batchFirst, b, length), padded));
        }
        return out;
    }

    /** The gradient goes back to the rows it came from; every other element gets zero. */
    private static UnaryOperator<Tensor> backward(int[] shape, boolean batchFirst, int b, int length) {
        int[] paddedShape = Arrays.copyOf(shape, shape.length);
        return g -> {
            Tensor full = Torch.zeros(paddedShape);
            Tensor batchMajor = batchFirst ? full : full.transpose(0, 1);
            batchMajor.select(0, b).narrow(0, 0, length).copy_(g);
            return full;
        };
    }
}
