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
 * GRU and GRUCell against PyTorch (tools/golden/rnn_family.py: gru.txt, gru_cell.txt and the GRU cases of
 * packed.txt): numbers from 1.13, grad_fn names from 2.13.
 */
class GRUGoldenTest {

    @TestFactory
    Stream<DynamicTest> gru() {
        return ModuleGolden.cases("gru.txt", null, c -> {
            GRU gru = setUp(c, () -> options(c, GRU.builder(c.getInt("input_size"), c.getInt("hidden_size")))
                    .build());
            Tensor input = leaf(c, "input");
            Tensor h0 = optionalLeaf(c, "h0");
            Torch.manualSeed(c.getLong("forward_seed"));
            GRU.Output r = gru.forward(input, h0);
            assertClose("output", c.tensor("output"), r.output());
            assertClose("h_n", c.tensor("h_n"), r.hidden());
            checkNameAndRepr(c, "output", r.output());
            checkNameAndRepr(c, "hn", r.hidden());
            backward(c, Map.of("grad_output", r.output(), "grad_h_n", r.hidden()));
            checkGradients(c, gru, input, h0, null);
        });
    }

    @TestFactory
    Stream<DynamicTest> gruCell() {
        return ModuleGolden.cases("gru_cell.txt", null, c -> {
            GRUCell cell = setUp(c, () -> new GRUCell(c.getInt("input_size"), c.getInt("hidden_size"),
                    c.getBoolean("bias")));
            Tensor input = leaf(c, "input");
            Tensor h0 = optionalLeaf(c, "h0");
            Tensor h = cell.forward(input, h0);
            assertClose("h", c.tensor("output"), h);
            checkNameAndRepr(c, "output", h);
            backward(c, Map.of("grad_output", h));
            checkGradients(c, cell, input, h0, null);
        });
    }

    @TestFactory
    Stream<DynamicTest> packed() {
        return ModuleGolden.cases("packed.txt", "GRU", ModuleGolden::packedCase);
    }
}
