package dev.rnn4j.nn;

import static dev.rnn4j.nn.ErrorAssert.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import org.junit.jupiter.api.Test;

/** Behaviours PyTorch's own test_nn RNN tests exercise that the golden cases do not. */
class PyTorchRnnTestCasesTest {

    /** test_RNN_cell_no_broadcasting and friends: a cell of hidden size 0 builds and returns (3, 0). */
    @Test
    void cellsOfHiddenSizeZero() {
        Tensor x = Torch.randn(3, 10).requiresGrad(true);
        Tensor rnn = new RNNCell(10, 0).forward(x);
        Tensor gru = new GRUCell(10, 0).forward(x);
        LSTMCell lstmCell = new LSTMCell(10, 0);
        LSTMCell.State lstm = lstmCell.forward(x);
        for (Tensor t : new Tensor[]{rnn, gru, lstm.h(), lstm.c()}) {
            assertArrayEquals(new int[]{3, 0}, t.shape().toArray());
        }
        assertEquals("tensor([], size=(3, 0), grad_fn=<AddBackward0>)", gru.toString());
        gru.sum().add(lstm.h().sum()).backward();
        assertArrayEquals(new float[30], x.grad().toFloatArray());
        assertArrayEquals(new int[]{0, 10}, lstmCell.namedParameters().get("weight_ih").grad().shape().toArray());
        assertTrue(lstmCell.namedParameters().get("weight_hh").isContiguous(), "an empty parameter is contiguous");
    }

    /** rnn.dropout = p between calls: eval ignores it, a later training call applies it. */
    @Test
    void dropoutChangesBetweenCalls() {
        Torch.manualSeed(0);
        GRU gru = GRU.builder(4, 3).numLayers(2).build();
        Tensor x = Torch.randn(5, 2, 4);
        Tensor plain = gru.forward(x).output();
        gru.setDropout(1.0);
        assertEquals("GRU(4, 3, num_layers=2, dropout=1.0)", gru.toString());
        assertEquals(1.0, gru.options().dropout());
        Tensor dropped = gru.forward(x).output();
        // with every first-layer output zeroed, the second layer sees zeros: all batch rows alike
        assertArrayEquals(dropped.get(0).get(0).toFloatArray(), dropped.get(0).get(1).toFloatArray());
        assertNotEquals(plain.get(0).get(0).getFloat(0), dropped.get(0).get(0).getFloat(0));
        gru.eval();
        assertArrayEquals(plain.toFloatArray(), gru.forward(x).output().toFloatArray());
        assertMessage("dropout should be a number in range [0, 1] representing the probability of an element "
                + "being zeroed", () -> gru.setDropout(2));
        assertEquals(1.0, gru.options().dropout(), "a refused dropout leaves the old one");
    }

    /** A dropout set later computes what the same dropout given at construction does (checked against PyTorch). */
    @Test
    void setDropoutEqualsBuiltDropout() {
        Torch.manualSeed(0);
        GRU later = GRU.builder(4, 3).numLayers(2).build();
        Torch.manualSeed(0);
        GRU built = GRU.builder(4, 3).numLayers(2).dropout(0.5).build();
        later.setDropout(0.5);
        Tensor x = Torch.randn(5, 2, 4);
        Torch.manualSeed(1);
        float[] a = later.forward(x).output().toFloatArray();
        Torch.manualSeed(1);
        float[] b = built.forward(x).output().toFloatArray();
        assertArrayEquals(b, a);
    }

    @Test
    void flattenParametersIsANoOp() {
        LSTM lstm = LSTM.builder(3, 4).numLayers(2).build();
        float[] before = lstm.namedParameters().get("weight_hh_l1").toFloatArray();
        lstm.flattenParameters();
        assertArrayEquals(before, lstm.namedParameters().get("weight_hh_l1").toFloatArray());
    }
}
