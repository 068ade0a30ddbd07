package dev.rnn4j.nn;

import dev.rnn4j.Torch;
import dev.rnn4j.nn.rnn.PackedSequence;
import dev.rnn4j.nn.rnn.Packing;
import org.junit.jupiter.api.Test;

import static dev.rnn4j.nn.ErrorAssert.assertMessage;

/** GRU and GRUCell: every invalid shape fails with PyTorch's message. */
class GRUErrorsTest {

    @Test
    void gruShapes() {
        GRU gru = new GRU(3, 4);
        assertMessage("GRU: Expected input to be 2D or 3D, got 1D instead", () -> gru.forward(Torch.zeros(3)));
        assertMessage("Expected hidden size (1, 2, 4), got [1, 3, 4]",
                () -> gru.forward(Torch.zeros(5, 2, 3), Torch.zeros(1, 3, 4)));
        assertMessage("Expected sequence length to be larger than 0 in RNN", () -> gru.forward(Torch.zeros(0, 2, 3)));
    }

    @Test
    void cellShapes() {
        GRUCell gru = new GRUCell(3, 4);
        assertMessage("GRUCell: Expected hidden to be 1D or 2D, got 3D instead",
                () -> gru.forward(Torch.zeros(2, 3), Torch.zeros(1, 2, 4)));
        assertMessage("input has inconsistent input_size: got 5 expected 3", () -> gru.forward(Torch.zeros(2, 5)));
    }

    @Test
    void packedShapes() {
        PackedSequence packed = Packing.packPaddedSequence(Torch.zeros(4, 3, 2), new int[]{4, 2, 1});
        assertMessage("input.size(-1) must be equal to input_size. Expected 5, got 2",
                () -> new GRU(5, 4).forward(packed));
        assertMessage("Expected hidden size (1, 3, 4), got [1, 2, 4]",
                () -> new GRU(2, 4).forward(packed, Torch.zeros(1, 2, 4)));
    }
}
