package dev.rnn4j.io;

import dev.rnn4j.Tensor;
import dev.rnn4j.golden.GoldenFile;
import dev.rnn4j.nn.GRU;
import dev.rnn4j.nn.LSTM;
import dev.rnn4j.nn.RNN;
import dev.rnn4j.nn.RNNBase;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.rnn4j.golden.GoldenAssert.assertClose;
import static dev.rnn4j.golden.GoldenAssert.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * RNN, LSTM (with projection) and GRU, bidirectional and not, saved by PyTorch in each format
 * (cuDNN-style flat storages, a whole-model dict under "rnn.", DataParallel's "module."):
 * rnn4j builds the module, loads the weights strictly and gives PyTorch's outputs.
 */
class InterchangeModulesTest {

    @TestFactory
    List<DynamicTest> modulesGivePyTorchsOutputs() {
        List<DynamicTest> tests = new ArrayList<>();
        for (GoldenFile.Case c : InterchangeGoldenTest.cases()) {
            if (!c.settings().containsKey("mode")) {
                continue;
            }
            for (String name : c.get("files").split(" ")) {
                tests.add(DynamicTest.dynamicTest(c.name() + " " + name, () -> check(c, name)));
            }
        }
        return tests;
    }

    private static void check(GoldenFile.Case c, String file) throws Exception {
        Object loaded = InterchangeGoldenTest.load(file);
        String prefix = c.get("prefix");
        Map<String, Tensor> sd = switch (prefix) {
            case "-" -> StateDicts.select(loaded, "");
            case "module." -> StateDicts.stripDataParallel(loaded);
            default -> StateDicts.select(loaded, prefix);
        };
        RNNBase module = build(c);
        var none = module.loadStateDict(sd, true);
        assertEquals(List.of(), none.missingKeys());
        assertEquals(List.of(), none.unexpectedKeys());
        module.eval();
        Tensor x = tensor(c.tensor("input"));
        if (module instanceof LSTM lstm) {
            LSTM.Output o = lstm.forward(x);
            assertClose("output", c.tensor("output"), o.output());
            assertClose("h_n", c.tensor("h_n"), o.hidden());
            assertClose("c_n", c.tensor("c_n"), o.cell());
        } else if (module instanceof GRU gru) {
            GRU.Output o = gru.forward(x);
            assertClose("output", c.tensor("output"), o.output());
            assertClose("h_n", c.tensor("h_n"), o.hidden());
        } else {
            RNN.Output o = ((RNN) module).forward(x);
            assertClose("output", c.tensor("output"), o.output());
            assertClose("h_n", c.tensor("h_n"), o.hidden());
        }
    }

    /** The module a case's settings describe, as PyTorch built it. */
    static RNNBase build(GoldenFile.Case c) {
        int in = c.getInt("input_size");
        int hidden = c.getInt("hidden_size");
        String mode = c.get("mode");
        RNNBase.Builder<?> b = switch (mode) {
            case "LSTM" -> LSTM.builder(in, hidden).projSize(c.getInt("proj_size"));
            case "GRU" -> GRU.builder(in, hidden);
            default -> RNN.builder(in, hidden).nonlinearity(mode.equals("RNN_RELU") ? "relu" : "tanh");
        };
        b.numLayers(c.getInt("num_layers")).bias(c.getBoolean("bias")).batchFirst(c.getBoolean("batch_first"))
                .bidirectional(c.getBoolean("bidirectional"));
        return b instanceof LSTM.Builder l ? l.build() : b instanceof GRU.Builder g ? g.build()
                : ((RNN.Builder) b).build();
    }
}
