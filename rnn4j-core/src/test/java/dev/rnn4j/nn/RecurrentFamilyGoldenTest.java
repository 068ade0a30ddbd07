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
 * LSTM, GRU, LSTMCell, GRUCell and packed batches against PyTorch (tools/golden/rnn_family.py):
 * numbers from 1.13, grad_fn names from 2.13.
 */
class RecurrentFamilyGoldenTest {

    private static Stream<DynamicTest> cases(String file, java.util.function.Consumer<GoldenFile.Case> body) {
        return GoldenFile.load(file).stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> body.accept(c)));
    }

    @TestFactory
    Stream<DynamicTest> lstm() {
        return cases("lstm.txt", c -> {
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
    Stream<DynamicTest> gru() {
        return cases("gru.txt", c -> {
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
    Stream<DynamicTest> lstmCell() {
        return cases("lstm_cell.txt", c -> {
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
    Stream<DynamicTest> gruCell() {
        return cases("gru_cell.txt", c -> {
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
        return cases("packed.txt", c -> {
            String module = c.get("module");
            int in = c.getInt("input_size");
            int hidden = c.getInt("hidden_size");
            Module m = setUp(c, () -> switch (module) {
                case "RNN" -> options(c, RNN.builder(in, hidden)).nonlinearity(c.get("nonlinearity")).build();
                case "LSTM" -> options(c, LSTM.builder(in, hidden)).projSize(c.getInt("proj_size")).build();
                default -> options(c, GRU.builder(in, hidden)).build();
            });
            Tensor input = leaf(c, "input");
            Tensor h0 = optionalLeaf(c, "h0");
            Tensor c0 = module.equals("LSTM") ? optionalLeaf(c, "c0") : null;
            PackedSequence packed = Packing.packPaddedSequence(input, ints(c.get("lengths")),
                    c.getBoolean("batch_first"), c.getBoolean("enforce_sorted"));
            Torch.manualSeed(c.getLong("forward_seed"));
            Map<String, Tensor> outs = new LinkedHashMap<>();
            PackedSequence output;
            if (m instanceof LSTM lstm) {
                LSTM.PackedOutput r = lstm.forward(packed, h0, c0);
                output = r.output();
                outs.put("grad_h_n", r.hidden());
                outs.put("grad_c_n", r.cell());
                assertClose("c_n", c.tensor("c_n"), r.cell());
                assertEquals(c.get("cn_grad_fn"), r.cell().gradFn().name(), "c_n grad_fn");
            } else if (m instanceof GRU gru) {
                GRU.PackedOutput r = gru.forward(packed, h0);
                output = r.output();
                outs.put("grad_h_n", r.hidden());
            } else {
                RNN.PackedOutput r = ((RNN) m).forward(packed, h0);
                output = r.output();
                outs.put("grad_h_n", r.hidden());
            }
            Tensor hn = outs.get("grad_h_n");
            assertArrayEquals(ints(c.get("batch_sizes")), output.batchSizes(), "batch_sizes");
            assertArrayEquals(ints(c.get("sorted_indices")), output.sortedIndices(), "sorted_indices");
            assertArrayEquals(ints(c.get("unsorted_indices")), output.unsortedIndices(), "unsorted_indices");
            assertClose("output data", c.tensor("output_data"), output.data());
            assertClose("output padded", c.tensor("output_padded"),
                    Packing.padPackedSequence(output, c.getBoolean("batch_first"), 0f, null).output());
            assertClose("h_n", c.tensor("h_n"), hn);
            assertEquals(c.get("data_grad_fn"), output.data().gradFn().name(), "data grad_fn");
            assertEquals(c.get("hn_grad_fn"), hn.gradFn().name(), "h_n grad_fn");
            outs.put("grad_output_data", output.data());
            backward(c, outs);
            checkGradients(c, m, input, h0, c0);
        });
    }
}
