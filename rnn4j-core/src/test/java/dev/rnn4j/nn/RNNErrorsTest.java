package dev.rnn4j.nn;

import dev.rnn4j.Torch;
import dev.rnn4j.nn.rnn.PackedSequence;
import dev.rnn4j.nn.rnn.Packing;
import org.junit.jupiter.api.Test;

import static dev.rnn4j.nn.ErrorAssert.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** RNN and RNNCell: every invalid argument or shape fails with PyTorch's message, before any state changes. */
class RNNErrorsTest {

    @Test
    void constructorArguments() {
        String dropout = "dropout should be a number in range [0, 1] representing the probability of an element "
                + "being zeroed";
        assertMessage(dropout, () -> RNN.builder(4, 2).numLayers(2).dropout(1.5).build());
        assertMessage(dropout, () -> RNN.builder(4, 2).numLayers(2).dropout(-0.1).build());
        assertMessage(dropout, () -> RNN.builder(4, 2).numLayers(2).dropout(Double.NaN).build());
        assertMessage("Unknown nonlinearity 'sigmoid'. Select from 'tanh' or 'relu'.",
                () -> RNN.builder(4, 2).nonlinearity("sigmoid").build());
        assertMessage("input_size must be greater than zero", () -> new RNN(0, 2));
        assertMessage("hidden_size must be greater than zero", () -> new RNN(4, 0));
        assertMessage("num_layers must be greater than zero", () -> RNN.builder(4, 2).numLayers(0).build());
        assertMessage("Unknown nonlinearity: sigmoid", () -> new RNNCell(4, 2, true, "sigmoid"));
        assertMessage("Trying to create tensor with negative dimension -1: [-1, 3]", () -> new RNNCell(3, -1));
    }

    @Test
    void rnnInputShapes() {
        RNN rnn = RNN.builder(4, 2).numLayers(2).build();
        assertMessage("RNN: Expected input to be 2D or 3D, got 4D tensor instead",
                () -> rnn.forward(Torch.zeros(3, 1, 1, 4)));
        assertMessage("RNN: Expected input to be 2D or 3D, got 1D tensor instead", () -> rnn.forward(Torch.zeros(4)));
        assertMessage("input.size(-1) must be equal to input_size. Expected 4, got 3",
                () -> rnn.forward(Torch.zeros(3, 1, 3)));
        assertMessage("input.size(-1) must be equal to input_size. Expected 4, got 3",
                () -> rnn.forward(Torch.zeros(3, 3)));
        assertMessage("Expected sequence length to be larger than 0 in RNN", () -> rnn.forward(Torch.zeros(0, 1, 4)));
    }

    @Test
    void rnnHiddenShapes() {
        RNN rnn = RNN.builder(4, 2).numLayers(2).build();
        assertMessage("Expected hidden size (2, 1, 2), got [1, 1, 2]",
                () -> rnn.forward(Torch.zeros(3, 1, 4), Torch.zeros(1, 1, 2)));
        assertMessage("Expected hidden size (2, 3, 2), got [2, 1, 2]",
                () -> rnn.forward(Torch.zeros(5, 3, 4), Torch.zeros(2, 1, 2)));
        assertMessage("For batched 3-D input, hx should also be 3-D but got 2-D tensor",
                () -> rnn.forward(Torch.zeros(3, 1, 4), Torch.zeros(2, 2)));
        assertMessage("For unbatched 2-D input, hx should also be 2-D but got 3-D tensor",
                () -> rnn.forward(Torch.zeros(3, 4), Torch.zeros(2, 1, 2)));
        assertMessage("Expected hidden size (2, 1, 3), got [2, 1, 2]",
                () -> RNN.builder(4, 3).numLayers(2).build().forward(Torch.zeros(3, 4), Torch.zeros(2, 2)));
        RNN batchFirst = RNN.builder(4, 2).batchFirst(true).bidirectional(true).build();
        assertMessage("Expected hidden size (2, 5, 2), got [2, 3, 2]",
                () -> batchFirst.forward(Torch.zeros(5, 3, 4), Torch.zeros(2, 3, 2)));
    }

    @Test
    void cellShapes() {
        RNNCell cell = new RNNCell(3, 4);
        assertMessage("RNNCell: Expected input to be 1D or 2D, got 3D instead", () -> cell.forward(Torch.zeros(1, 1, 3)));
        assertMessage("RNNCell: Expected hidden to be 1D or 2D, got 3D instead",
                () -> cell.forward(Torch.zeros(1, 3), Torch.zeros(1, 1, 4)));
        assertMessage("input has inconsistent input_size: got 5 expected 3", () -> cell.forward(Torch.zeros(2, 5)));
        assertMessage("Input batch size 2 doesn't match hidden0 batch size 3",
                () -> cell.forward(Torch.zeros(2, 3), Torch.zeros(3, 4)));
        assertMessage("hidden0 has inconsistent hidden_size: got 5, expected 4",
                () -> cell.forward(Torch.zeros(2, 3), Torch.zeros(2, 5)));
        assertMessage("hidden0 has inconsistent hidden_size: got 1, expected 4",
                () -> cell.forward(Torch.zeros(3), Torch.zeros(1, 4)));
    }

    @Test
    void packedShapes() {
        PackedSequence packed = Packing.packPaddedSequence(Torch.zeros(4, 3, 2), new int[]{4, 2, 1});
        assertMessage("input.size(-1) must be equal to input_size. Expected 5, got 2",
                () -> new RNN(5, 4).forward(packed));
        assertMessage("Expected hidden size (1, 3, 4), got [1, 2, 4]",
                () -> new RNN(2, 4).forward(packed, Torch.zeros(1, 2, 4)));
    }

    @Test
    void reprAndParameterNames() {
        RNN rnn = RNN.builder(3, 4).numLayers(2).bias(false).batchFirst(true).dropout(0.5).bidirectional(true)
                .build();
        assertEquals("RNN(3, 4, num_layers=2, bias=False, batch_first=True, dropout=0.5, bidirectional=True)",
                rnn.toString());
        assertEquals("[weight_ih_l0, weight_hh_l0, weight_ih_l0_reverse, weight_hh_l0_reverse, weight_ih_l1, "
                + "weight_hh_l1, weight_ih_l1_reverse, weight_hh_l1_reverse]", rnn.namedParameters().keySet().toString());
        assertArrayEquals(new int[]{4, 8}, rnn.namedParameters().get("weight_ih_l1").shape().toArray());
        assertEquals("RNNCell(3, 4, bias=False, nonlinearity=relu)", new RNNCell(3, 4, false, "relu").toString());
        assertEquals("RNN(3, 4, dropout=1.0)", RNN.builder(3, 4).dropout(1).build().toString());
    }
}
