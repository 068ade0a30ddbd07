package dev.rnn4j.nn;

import dev.rnn4j.golden.GoldenAssert;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.golden.GoldenFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static dev.rnn4j.golden.GoldenAssert.assertClose;
import static dev.rnn4j.golden.GoldenAssert.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * RNNCell and RNN against PyTorch's numbers (tools/golden/rnn.py; the RNN cases of packed.txt from
 * rnn_family.py): initial weights, outputs,
 * final states, grad_fn names, printed outputs, and the gradients of input, h0 and every
 * parameter for a random upstream gradient.
 */
class RNNGoldenTest {

    @TestFactory
    Stream<DynamicTest> rnnCell() {
        return GoldenFile.load("rnn_cell.txt").stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Torch.manualSeed(c.getLong("init_seed"));
            RNNCell cell = new RNNCell(c.getInt("input_size"), c.getInt("hidden_size"), c.getBoolean("bias"),
                    c.get("nonlinearity"));
            ModuleGolden.checkInitAndLoad(c, cell);
            cell.train(c.getBoolean("training"));
            Tensor input = tensor(c.tensor("input")).requiresGrad(true);
            Tensor h0 = c.getBoolean("has_h0") ? tensor(c.tensor("h0")).requiresGrad(true) : null;
            Torch.manualSeed(c.getLong("forward_seed"));
            Tensor out = cell.forward(input, h0);

            assertClose("output", c.tensor("output"), out);
            assertEquals(c.get("output_grad_fn"), out.gradFn().name(), "output grad_fn");
            GoldenAssert.assertPrinted(c.text("output_repr"), out.toString(), "printed output");
            out.mul(tensor(c.tensor("grad_output"))).sum().backward();
            checkGradients(c, cell, input, h0);
        }));
    }

    @TestFactory
    Stream<DynamicTest> rnn() {
        return GoldenFile.load("rnn.txt").stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Torch.manualSeed(c.getLong("init_seed"));
            RNN rnn = RNN.builder(c.getInt("input_size"), c.getInt("hidden_size"))
                    .numLayers(c.getInt("num_layers"))
                    .nonlinearity(c.get("nonlinearity"))
                    .bias(c.getBoolean("bias"))
                    .batchFirst(c.getBoolean("batch_first"))
                    .dropout(c.getDouble("dropout"))
                    .bidirectional(c.getBoolean("bidirectional"))
                    .build();
            ModuleGolden.checkInitAndLoad(c, rnn);
            rnn.train(c.getBoolean("training"));
            Tensor input = tensor(c.tensor("input")).requiresGrad(true);
            Tensor h0 = c.getBoolean("has_h0") ? tensor(c.tensor("h0")).requiresGrad(true) : null;
            Torch.manualSeed(c.getLong("forward_seed"));
            RNN.Output r = rnn.forward(input, h0);

            assertClose("output", c.tensor("output"), r.output());
            assertClose("h_n", c.tensor("h_n"), r.hidden());
            assertEquals(c.get("output_grad_fn"), r.output().gradFn().name(), "output grad_fn");
            assertEquals(c.get("hn_grad_fn"), r.hidden().gradFn().name(), "h_n grad_fn");
            GoldenAssert.assertPrinted(c.text("output_repr"), r.output().toString(), "printed output");
            GoldenAssert.assertPrinted(c.text("hn_repr"), r.hidden().toString(), "printed h_n");
            Tensor loss = r.output().mul(tensor(c.tensor("grad_output"))).sum()
                    .add(r.hidden().mul(tensor(c.tensor("grad_h_n"))).sum());
            loss.backward();
            checkGradients(c, rnn, input, h0);
        }));
    }

    @TestFactory
    Stream<DynamicTest> packed() {
        return ModuleGolden.cases("packed.txt", "RNN", ModuleGolden::packedCase);
    }

    private static void checkGradients(GoldenFile.Case c, Module m, Tensor input, Tensor h0) {
        assertClose("grad input", c.tensor("grad.input"), input.grad());
        if (h0 != null) {
            assertClose("grad h0", c.tensor("grad.h0"), h0.grad());
        }
        m.namedParameters().forEach((name, p) -> assertClose("grad " + name, c.tensor("grad." + name), p.grad()));
    }
}
