package dev.rnn4j.nn.rnn;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every invalid argument of the packing functions fails with PyTorch 2.13's message (checked by hand
 * against torch 2.13), before anything is built: the arguments are left exactly as they were.
 */
class PackingErrorsTest {

    private static final String SORTED = "`lengths` array must be sorted in decreasing order when `enforce_sorted` "
            + "is True. You can pass `enforce_sorted=False` to pack_padded_sequence and/or pack_sequence to "
            + "sidestep this requirement if you do not need ONNX exportability.";
    private static final String POSITIVE = "Length of all samples has to be greater than 0, but found an element "
            + "in 'lengths' that is <= 0";
    private static final String EMPTY = "Cannot pack empty tensors.";

    private static void assertMessage(String expected, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }

    /** A leaf that requires grad, (3, 3, 2) time-major. */
    private static Tensor padded() {
        Torch.manualSeed(0);
        return Torch.randn(3, 3, 2).requiresGrad(true);
    }

    @Test
    void packPaddedSequence() {
        Tensor x = padded();
        assertMessage(EMPTY, () -> Packing.packPaddedSequence(Torch.zeros(0, 3, 2), new int[]{1, 1, 1}));
        assertMessage(EMPTY, () -> Packing.packPaddedSequence(Torch.zeros(3, 0, 2), new int[0]));
        assertMessage(EMPTY, () -> Packing.packPaddedSequence(Torch.zeros(3, 3, 0), new int[]{3, 2, 1}, false, false));
        assertMessage("Expected `len(lengths)` to be equal to batch_size, but got 2 (batch_size=3)",
                () -> Packing.packPaddedSequence(x, new int[]{3, 2}));
        assertMessage("Expected `len(lengths)` to be equal to batch_size, but got 4 (batch_size=3)",
                () -> Packing.packPaddedSequence(x, new int[]{3, 2, 1, 1}, true));
        assertMessage(POSITIVE, () -> Packing.packPaddedSequence(x, new int[]{3, 2, 0}));
        assertMessage(POSITIVE, () -> Packing.packPaddedSequence(x, new int[]{3, -1, 1}, false, false));
        assertMessage(SORTED, () -> Packing.packPaddedSequence(x, new int[]{2, 3, 1}));
        // only the last length is checked for > 0, so this one fails on the order
        assertMessage(SORTED, () -> Packing.packPaddedSequence(x, new int[]{3, 0, 1}));
        assertMessage("Dimension out of range (expected to be in range of [-1, 0], but got 1)",
                () -> Packing.packPaddedSequence(Torch.zeros(3), new int[]{3}));
        assertMessage("Dimension specified as 1 but tensor has no dimensions",
                () -> Packing.packPaddedSequence(Torch.scalar(1f), new int[]{1}));
        assertMessage("Dimension out of range (expected to be in range of [-1, 0], but got 1)",
                () -> Packing.packPaddedSequence(Torch.scalar(1f), new int[]{1}, true));
        assertUntouched(x);
    }

    /** rnn4j's own decisions where PyTorch 2.13 builds something inconsistent or drops data. */
    @Test
    void packPaddedSequenceBeyondPyTorch() {
        Tensor x = padded();
        assertMessage("Expected all lengths to be at most the padded sequence length 3, but found a length of 4",
                () -> Packing.packPaddedSequence(x, new int[]{4, 2, 1}));
        assertMessage("Expected all lengths to be at most the padded sequence length 3, but found a length of 5",
                () -> Packing.packPaddedSequence(x, new int[]{1, 5, 2}, true, false));
        // PyTorch index_selects first and would silently pack only the first two sequences
        int[] lengths = {2, 3};
        assertMessage("Expected `len(lengths)` to be equal to batch_size, but got 2 (batch_size=3)",
                () -> Packing.packPaddedSequence(x, lengths, false, false));
        assertMessage("Expected `len(lengths)` to be equal to batch_size, but got 4 (batch_size=3)",
                () -> Packing.packPaddedSequence(x, new int[]{2, 3, 1, 1}, false, false));
        assertArrayEquals(new int[]{2, 3}, lengths, "lengths are not sorted in place");
        assertUntouched(x);
    }

    @Test
    void padPackedSequence() {
        PackedSequence packed = Packing.packPaddedSequence(padded(), new int[]{3, 2, 1});
        String message = "Expected total_length to be at least the length of the longest sequence in input, but got "
                + "total_length=%d and max sequence length being 3";
        assertMessage(String.format(message, 2), () -> Packing.padPackedSequence(packed, false, 0f, 2));
        assertMessage(String.format(message, -1), () -> Packing.padPackedSequence(packed, true, 0f, -1));
    }

    @Test
    void padSequence() {
        assertMessage("received an empty list of sequences", () -> Packing.padSequence(List.of()));
        assertMessage("Expected padding_side to be one of left or right, but got middle.",
                () -> Packing.padSequence(List.of(Torch.zeros(2)), false, 0f, "middle"));
        assertMessage("ArrayRef: invalid slice, N = 1; size = 0",
                () -> Packing.padSequence(List.of(Torch.scalar(1f))));
        assertMessage("Dimension specified as 0 but tensor has no dimensions",
                () -> Packing.padSequence(List.of(Torch.zeros(2, 3), Torch.scalar(1f))));
        assertMessage("The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1",
                () -> Packing.padSequence(List.of(Torch.zeros(2, 3), Torch.zeros(2, 4))));
        assertMessage("output with shape [2, 1] doesn't match the broadcast shape [2, 3]",
                () -> Packing.padSequence(List.of(Torch.zeros(2, 1), Torch.zeros(2, 3))));
        assertMessage("output with shape [2, 3] doesn't match the broadcast shape [2, 2, 3]",
                () -> Packing.padSequence(List.of(Torch.zeros(2, 3), Torch.zeros(2, 2, 3))));
    }

    @Test
    void packSequence() {
        assertMessage("received an empty list of sequences", () -> Packing.packSequence(List.of()));
        assertMessage(SORTED, () -> Packing.packSequence(List.of(Torch.zeros(2), Torch.zeros(3))));
        assertMessage(POSITIVE, () -> Packing.packSequence(List.of(Torch.zeros(2), Torch.zeros(0))));
        assertMessage(POSITIVE, () -> Packing.packSequence(List.of(Torch.zeros(0), Torch.zeros(2)), false));
        assertMessage(EMPTY, () -> Packing.packSequence(List.of(Torch.zeros(0))));
    }

    @Test
    void unpadSequence() {
        Tensor x = padded();
        assertMessage("zip() argument 2 is longer than argument 1",
                () -> Packing.unpadSequence(x, new int[]{3, 2, 1, 1}));
        assertMessage("zip() argument 2 is shorter than argument 1",
                () -> Packing.unpadSequence(x, new int[]{3, 2}, true));
        assertMessage("tuple index out of range", () -> Packing.unpadSequence(Torch.zeros(3), new int[]{1}, true));
        assertMessage("Dimension out of range (expected to be in range of [-1, 0], but got 1)",
                () -> Packing.unpadSequence(Torch.zeros(3), new int[]{1}));
        // unlike PyTorch, a leaf that requires grad is accepted and not transposed in place
        List<Tensor> parts = Packing.unpadSequence(x, new int[]{3, 2, 1});
        assertArrayEquals(new int[]{2, 2}, parts.get(1).shape().toArray());
        assertUntouched(x);
        // as PyTorch's mask: a length above T keeps all T steps, one ≤ 0 keeps none
        List<Tensor> clamped = Packing.unpadSequence(Torch.zeros(2, 3), new int[]{-1, 5}, true);
        assertArrayEquals(new int[]{0}, clamped.get(0).shape().toArray());
        assertArrayEquals(new int[]{3}, clamped.get(1).shape().toArray());
    }

    @Test
    void indexSelect() {
        Tensor x = padded();
        assertMessage("INDICES element is out of DATA bounds, id=3 axis_dim=3", () -> x.indexSelect(1, new int[]{0, 3}));
        assertMessage("INDICES element is out of DATA bounds, id=-1 axis_dim=3", () -> x.indexSelect(1, new int[]{-1}));
        assertMessage("Dimension out of range (expected to be in range of [-3, 2], but got 3)",
                () -> x.indexSelect(3, new int[]{0}));
        assertMessage("index out of range in self", () -> Torch.scalar(1f).indexSelect(0, new int[]{1}));
        assertMessage("index_select(): Index to scalar can have only 1 value, got 2 value(s)",
                () -> Torch.scalar(1f).indexSelect(0, new int[]{0, 0}));
        assertUntouched(x);
    }

    @Test
    void noGraphWithoutGrad() {
        PackedSequence packed = Packing.packPaddedSequence(Torch.randn(3, 2, 2), new int[]{3, 1});
        assertNull(packed.data().gradFn());
        try (var g = Torch.noGrad()) {
            PackedSequence p = Packing.packPaddedSequence(padded(), new int[]{1, 3, 2}, false, false);
            assertNull(p.data().gradFn());
            assertNull(Packing.padPackedSequence(p).output().gradFn());
        }
    }

    /** The (3, 3, 2) leaf still has its shape, layout and no gradient. */
    private static void assertUntouched(Tensor x) {
        assertArrayEquals(new int[]{3, 3, 2}, x.shape().toArray());
        assertArrayEquals(new int[]{6, 2, 1}, x.strides());
        assertNull(x.grad());
        assertNull(x.gradFn());
        assertEquals(padded().toString(), x.toString());
    }
}
