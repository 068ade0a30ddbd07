package dev.rnn4j.nn;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.nn.rnn.PackedSequence;
import dev.rnn4j.nn.rnn.Packing;
import org.junit.jupiter.api.Test;

import static dev.rnn4j.nn.ErrorAssert.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** LSTM and LSTMCell: every invalid argument or shape fails with PyTorch's message. */
class LSTMErrorsTest {

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
    void cellShapes() {
        LSTMCell lstm = new LSTMCell(3, 4);
        assertMessage("LSTMCell: Expected input to be 1D or 2D, got 3D instead", () -> lstm.forward(Torch.zeros(1, 1, 3)));
        assertMessage("LSTMCell: Expected hx[1] to be 1D or 2D, got 3D instead",
                () -> lstm.forward(Torch.zeros(2, 3), new LSTMCell.State(Torch.zeros(2, 4), Torch.zeros(1, 2, 4))));
        assertMessage("hidden1 has inconsistent hidden_size: got 5, expected 4",
                () -> lstm.forward(Torch.zeros(2, 3), new LSTMCell.State(Torch.zeros(2, 4), Torch.zeros(2, 5))));
    }

    @Test
    void packedShapes() {
        PackedSequence packed = Packing.packPaddedSequence(Torch.zeros(4, 3, 2), new int[]{4, 2, 1});
        assertMessage("Expected hidden[1] size (1, 3, 4), got [1, 3, 5]",
                () -> new LSTM(2, 4).forward(packed, Torch.zeros(1, 3, 4), Torch.zeros(1, 3, 5)));
        assertMessage("LSTM expects both h0 and c0, or neither",
                () -> new LSTM(2, 4).forward(packed, Torch.zeros(1, 3, 4), null));
    }

    /**
     * The layer keeps its input and weights for the backward pass by reference, as PyTorch does: writing one in
     * place before the backward fails it, with PyTorch 2.13's message (its initialisation leaves a weight at
     * version 1).
     */
    @Test
    void inPlaceWriteToASavedWeightOrInputFailsTheBackward() {
        LSTM lstm = new LSTM(3, 4);
        Tensor x = Torch.randn(5, 2, 3).requiresGrad(true);
        Tensor out = lstm.forward(x).output();
        try (var g = Torch.noGrad()) {
            lstm.namedParameters().get("weight_hh_l0").addInPlace(Torch.ones(16, 4));
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> out.sum().backward());
        assertEquals("one of the variables needed for gradient computation has been modified by an inplace "
                + "operation: [torch.FloatTensor [16, 4]] is at version 2; expected version 1 instead.", e.getMessage());

        Tensor again = lstm.forward(x).output();
        try (var g = Torch.noGrad()) {
            x.addInPlace(Torch.ones(5, 2, 3));
        }
        e = assertThrows(IllegalStateException.class, () -> again.sum().backward());
        assertEquals("one of the variables needed for gradient computation has been modified by an inplace "
                + "operation: [torch.FloatTensor [5, 2, 3]] is at version 1; expected version 0 instead.", e.getMessage());
    }
}
