package dev.rnn4j.nn.rnn;

import dev.rnn4j.Tensor;

/**
 * What {@code pad_packed_sequence} returns: the padded batch and each sequence's length, both in the
 * batch order the sequences had before packing.
 *
 * @param output  (T, B, *), or (B, T, *) when batch-first
 * @param lengths the length of each sequence (PyTorch's int64 tensor)
 */
public record Padded(Tensor output, int[] lengths) {

    public Padded {
        lengths = lengths.clone();
    }

    @Override
    public int[] lengths() {
        return lengths.clone();
    }
}
