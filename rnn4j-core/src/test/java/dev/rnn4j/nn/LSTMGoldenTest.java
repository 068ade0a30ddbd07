package dev.rnn4j.nn;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.golden.GoldenFile;
import dev.rnn4j.nn.rnn.PackedSequence;
import dev.rnn4j.nn.rnn.Packing;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static dev.rnn4j.golden.GoldenAssert.assertClose;
import static dev.rnn4j.nn.ModuleGolden.backward;
import static dev.rnn4j.nn.ModuleGolden.checkGradients;
import static dev.rnn4j.nn.ModuleGolden.checkNameAndRepr;
import static dev.rnn4j.nn.ModuleGolden.ints;
import static dev.rnn4j.nn.ModuleGolden.leaf;
import static dev.rnn4j.nn.ModuleGolden.optionalLeaf;
import static dev.rnn4j.nn.ModuleGolden.options;
import static dev.rnn4j.nn.ModuleGolden.setUp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * LSTM and LSTMCell against PyTorch (tools/golden/rnn_family.py: lstm.txt, lstm_cell.txt and the LSTM cases of
 * packed.txt): numbers from 1.13, grad_fn names from 2.13.
 */
class LSTMGoldenTest {

    @TestFactory
    Stream<DynamicTest> lstm() {
        return ModuleGolden.cases("lstm.txt", null, c -> {
            LSTM lstm = setUp(c, () -> options(c, LSTM.builder(c.getInt("input_size"), c.getInt("hidden_size")))
                    .projSize(c.getInt("proj_size")).build());
            Tensor input = leaf(c, "input");
            Tensor h0 = optionalLeaf(c, "h0");
            Tensor c0 = optionalLeaf(c, "c0");
            Torch.manualSeed(c.getLong("forward_seed"));
            LSTM.Output r = lstm.forward(input, h0, c0);
            assertClose("output", c.tensor("output"), r.output());
            assertClose("h_n", c.tensor("h_n"), r.hidden());
            assertClose("c_n", c.tensor("c_n"), r.cell());
            checkNameAndRepr(c, "output", r.output());
            checkNameAndRepr(c, "hn", r.hidden());
            checkNameAndRepr(c, "cn", r.cell());
            backward(c, Map.of("grad_output", r.output(), "grad_h_n", r.hidden(), "grad_c_n", r.cell()));
            checkGradients(c, lstm, input, h0, c0);
        });
    }

    @TestFactory
    Stream<DynamicTest> lstmCell() {
        return ModuleGolden.cases("lstm_cell.txt", null, c -> {
            LSTMCell cell = setUp(c, () -> new LSTMCell(c.getInt("input_size"), c.getInt("hidden_size"),
                    c.getBoolean("bias")));
            Tensor input = leaf(c, "input");
            Tensor h0 = optionalLeaf(c, "h0");
            Tensor c0 = optionalLeaf(c, "c0");
            LSTMCell.State s = cell.forward(input, h0 == null ? null : new LSTMCell.State(h0, c0));
            assertClose("h", c.tensor("output"), s.h());
            assertClose("c", c.tensor("c_out"), s.c());
            checkNameAndRepr(c, "output", s.h());
            checkNameAndRepr(c, "c_out", s.c());
            backward(c, Map.of("grad_output", s.h(), "grad_c_out", s.c()));
            checkGradients(c, cell, input, h0, c0);
        });
    }

    @TestFactory
    Stream<DynamicTest> packed() {
        return ModuleGolden.cases("packed.txt", "LSTM", ModuleGolden::packedCase);
    }
}
