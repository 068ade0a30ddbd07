package dev.rnn4j.nn.rnn;

import dev.rnn4j.Tensor;

import java.util.List;

/**
 * PyTorch's variable-length sequence utilities ({@code torch.nn.utils.rnn}), by the same names and
 * with the same defaults. Every invalid argument fails with PyTorch's message as an
 * {@link IllegalArgumentException} before anything is built.
 *
 * <p>Where rnn4j decides differently from PyTorch 2.x (documented on each method): a length above the
 * padded length T, and a {@code lengths} list of the wrong size with {@code enforce_sorted=False}, are
 * rejected (PyTorch builds an inconsistent pack, or silently drops sequences); ties between equal
 * lengths are sorted stably; {@code unpadSequence} does not transpose its argument in place.
 */
public final class Packing {

    private Packing() {
    }

    /** {@code pack_padded_sequence(input, lengths)}: time-major input, lengths already decreasing. */
    public static PackedSequence packPaddedSequence(Tensor input, int[] lengths) {
        return packPaddedSequence(input, lengths, false, true);
    }

    public static PackedSequence packPaddedSequence(Tensor input, int[] lengths, boolean batchFirst) {
        return packPaddedSequence(input, lengths, batchFirst, true);
    }

    /**
     * Packs a padded batch (T, B, *), or (B, T, *) when {@code batchFirst}. With {@code enforceSorted}
     * the lengths must be non-increasing; otherwise the batch is sorted longest first (ties keep their
     * order; see LengthSort) through {@code index_select}, and the pack remembers the order.
     * {@code data} records {@code PackPaddedSequenceBackward0}.
     *
     * @throws IllegalArgumentException for an empty input, a length count other than B, a length ≤ 0,
     *                                  unsorted lengths with {@code enforceSorted}, or (rnn4j only) a length
     *                                  above T
     */
    public static PackedSequence packPaddedSequence(Tensor input, int[] lengths, boolean batchFirst,
                                                    boolean enforceSorted) {
        return PackPadded.pack(input, lengths, batchFirst, enforceSorted);
    }

    /** {@code pad_packed_sequence(sequence)}: time-major, padded with 0 to the longest sequence. */
    public static Padded padPackedSequence(PackedSequence sequence) {
        return padPackedSequence(sequence, false, 0f, null);
    }

    public static Padded padPackedSequence(PackedSequence sequence, boolean batchFirst) {
        return padPackedSequence(sequence, batchFirst, 0f, null);
    }

    /**
     * Undoes packing: (max(T, totalLength), B, *) filled with {@code paddingValue} (batch-first when
     * asked), with the sequences and their lengths in the order they had before packing.
     *
     * @param totalLength the padded length, or null for the longest sequence
     * @throws IllegalArgumentException when {@code totalLength} is shorter than the longest sequence
     */
    public static Padded padPackedSequence(PackedSequence sequence, boolean batchFirst, float paddingValue,
                                           Integer totalLength) {
        return PadPacked.pad(sequence, batchFirst, paddingValue, totalLength);
    }

    /** {@code pad_sequence(sequences)}: (T, B, *), padded with 0 on the right. */
    public static Tensor padSequence(List<Tensor> sequences) {
        return padSequence(sequences, false, 0f, "right");
    }

    public static Tensor padSequence(List<Tensor> sequences, boolean batchFirst) {
        return padSequence(sequences, batchFirst, 0f, "right");
    }

    /** Stacks sequences of shape (L_i, *) into (T, B, *), or (B, T, *), filling with {@code paddingValue}. */
    public static Tensor padSequence(List<Tensor> sequences, boolean batchFirst, float paddingValue) {
        return padSequence(sequences, batchFirst, paddingValue, "right");
    }

    /** As above, with PyTorch 2.x's {@code padding_side}: "right" (the default) or "left". */
    public static Tensor padSequence(List<Tensor> sequences, boolean batchFirst, float paddingValue,
                                     String paddingSide) {
        return PadSequence.pad(sequences, batchFirst, paddingValue, paddingSide);
    }

    /** {@code pack_sequence(sequences)}: the sequences must come longest first. */
    public static PackedSequence packSequence(List<Tensor> sequences) {
        return packSequence(sequences, true);
    }

    /** {@code pack_padded_sequence(pad_sequence(sequences), lengths, enforce_sorted=…)}. */
    public static PackedSequence packSequence(List<Tensor> sequences, boolean enforceSorted) {
        // validate the packing on shapes first, so that a failing call pads nothing
        PackingChecks.checkPadSequence(sequences, "right");
        int[] lengths = sequences.stream().mapToInt(s -> s.size(0)).toArray();
        int[] first = sequences.get(0).shape().toArray();
        int[] padded = new int[first.length + 1];
        padded[0] = java.util.Arrays.stream(lengths).max().orElseThrow();
        padded[1] = lengths.length;
        System.arraycopy(first, 1, padded, 2, first.length - 1);
        PackingChecks.checkPack(padded, enforceSorted ? lengths : LengthSort.permute(lengths,
                LengthSort.descending(lengths)), false);
        return packPaddedSequence(padSequence(sequences), lengths, false, enforceSorted);
    }

    /** {@code unpad_sequence(padded, lengths)} for a time-major batch. */
    public static List<Tensor> unpadSequence(Tensor padded, int[] lengths) {
        return unpadSequence(padded, lengths, false);
    }

    /**
     * The inverse of {@link #padSequence}: the first {@code lengths[b]} steps of each sequence, copies
     * recorded as {@code IndexBackward0}. Unlike PyTorch, the argument is not transposed in place.
     */
    public static List<Tensor> unpadSequence(Tensor padded, int[] lengths, boolean batchFirst) {
        return Unpad.unpad(padded, lengths, batchFirst);
    }

    /** The inverse of {@link #packSequence}: the sequences in their original order. */
    public static List<Tensor> unpackSequence(PackedSequence packed) {
        Padded padded = padPackedSequence(packed, true);
        return unpadSequence(padded.output(), padded.lengths(), true);
    }
}
