package dev.rnn4j.nn.rnn;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.autograd.Op;

import java.util.List;

/**
 * {@code pad_sequence}: a tensor full of the padding value, with sequence i copied into its slot, as
 * PyTorch's C++ {@code pad_sequence} does; {@code copy_} broadcasts, so a sequence may have size 1 where
 * the first one has more. All copies are one recorded operation, {@code CopySlices}.
 */
final class PadSequence {

    private PadSequence() {
    }

    static Tensor pad(List<Tensor> sequences, boolean batchFirst, float paddingValue, String paddingSide) {
        PackingChecks.checkPadSequence(sequences, paddingSide);
        int maxLength = sequences.stream().mapToInt(s -> s.size(0)).max().orElseThrow();
        int[] first = sequences.get(0).shape().toArray();
        int[] shape = new int[first.length + 1];
        shape[batchFirst ? 0 : 1] = sequences.size();
        shape[batchFirst ? 1 : 0] = maxLength;
        System.arraycopy(first, 1, shape, 2, first.length - 1);

        Tensor output = Torch.full(shape, paddingValue);
        int[] starts = new int[sequences.size()];
        for (int i = 0; i < starts.length; i++) {
            Tensor s = sequences.get(i);
            starts[i] = paddingSide.equals("left") ? maxLength - s.size(0) : 0;
            slot(output, batchFirst, i, starts[i], s.size(0)).copy_(s.detach());
        }
        Tensor[] inputs = sequences.toArray(new Tensor[0]);
        return Op.record(output, "CopySlices", backward(inputs, batchFirst, starts), inputs);
    }

    /** Where sequence i lies: {@code out[start:start+length, i]}, or {@code out[i, start:start+length]}. */
    private static Tensor slot(Tensor padded, boolean batchFirst, int i, int start, int length) {
        return batchFirst ? padded.select(0, i).narrow(0, start, length)
                : padded.narrow(0, start, length).select(1, i);
    }

    /** Each sequence gets its slot of the gradient, summed back over any broadcast dimension. */
    private static Op.Backward backward(Tensor[] inputs, boolean batchFirst, int[] starts) {
        int[][] shapes = new int[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            shapes[i] = inputs[i].shape().toArray();
        }
        return (g, s) -> {
            Tensor[] grads = new Tensor[shapes.length];
            for (int i = 0; i < shapes.length; i++) {
                grads[i] = slot(g[0], batchFirst, i, starts[i], shapes[i][0]).sumToSize(shapes[i]).contiguous();
            }
            return grads;
        };
    }
}
