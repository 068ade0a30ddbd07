package dev.rnn4j.nn;

import dev.rnn4j.Torch;
import dev.rnn4j.nn.rnn.PackedSequence;
import dev.rnn4j.nn.rnn.Packing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** LSTM, GRU and their cells fail with PyTorch's messages, before any state changes. */
class RecurrentFamilyErrorsTest {

    private static void assertMessage(String expected, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }

    @Test
    void projectionRules() {
        assertMessage("proj_size should be a positive integer or zero to disable projections",
                () -> LSTM.builder(3, 4).projSize(-1).build());
        assertMessage("proj_size has to be smaller than hidden_size", () -> LSTM.builder(3, 4).projSize(4).build());
        assertMessage("proj_size has to be smaller than hidden_size", () -> LSTM.builder(3, 4).projSize(5).build());
        assertEquals("LSTM(3, 4, proj_size=2, num_layers=2)", LSTM.builder(3, 4).projSize(2).numLayers(2).build()
                .toString());
    }

    @Test
    void lstmShapes() {
        LSTM lstm = LSTM.builder(3, 4).numLayers(2).build();
        assertMessage("LSTM: Expected input to be 2D or 3D, got 4D instead", () -> lstm.forward(Torch.zeros(1, 2, 3, 3)));
        assertMessage("input.size(-1) must be equal to input_size. Expected 3, got 7",
                () -> lstm.forward(Torch.zeros(5, 2, 7)));
        assertMessage("For batched 3-D input, hx and cx should also be 3-D but got (2-D, 2-D) tensors",
                () -> lstm.forward(Torch.zeros(5, 2, 3), Torch.zeros(2, 4), Torch.zeros(2, 4)));
        assertMessage("For unbatched 2-D input, hx and cx should also be 2-D but got (3-D, 3-D) tensors",
                () -> lstm.forward(Torch.zeros(5, 3), Torch.zeros(2, 1, 4), Torch.zeros(2, 1, 4)));
        assertMessage("Expected hidden[0] size (2, 2, 4), got [1, 2, 4]",
                () -> lstm.forward(Torch.zeros(5, 2, 3), Torch.zeros(1, 2, 4), Torch.zeros(2, 2, 4)));
        assertMessage("Expected hidden[1] size (2, 2, 4), got [2, 2, 5]",
                () -> lstm.forward(Torch.zeros(5, 2, 3), Torch.zeros(2, 2, 4), Torch.zeros(2, 2, 5)));
        LSTM projected = LSTM.builder(3, 4).projSize(2).build();
        assertMessage("Expected hidden[0] size (1, 2, 2), got [1, 2, 4]",
                () -> projected.forward(Torch.zeros(5, 2, 3), Torch.zeros(1, 2, 4), Torch.zeros(1, 2, 4)));
    }

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
        LSTMCell lstm = new LSTMCell(3, 4);
        assertMessage("LSTMCell: Expected input to be 1D or 2D, got 3D instead", () -> lstm.forward(Torch.zeros(1, 1, 3)));
        assertMessage("LSTMCell: Expected hx[1] to be 1D or 2D, got 3D instead",
                () -> lstm.forward(Torch.zeros(2, 3), new LSTMCell.State(Torch.zeros(2, 4), Torch.zeros(1, 2, 4))));
        assertMessage("hidden1 has inconsistent hidden_size: got 5, expected 4",
                () -> lstm.forward(Torch.zeros(2, 3), new LSTMCell.State(Torch.zeros(2, 4), Torch.zeros(2, 5))));
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
                () -> new RNN(2, 4).forward(packed, Torch.zeros(1, 2, 4)));
        assertMessage("Expected hidden[1] size (1, 3, 4), got [1, 3, 5]",
                () -> new LSTM(2, 4).forward(packed, Torch.zeros(1, 3, 4), Torch.zeros(1, 3, 5)));
    }
}
