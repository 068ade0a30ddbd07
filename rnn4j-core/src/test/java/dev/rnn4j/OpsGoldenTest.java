package dev.rnn4j;

import dev.rnn4j.golden.GoldenFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static dev.rnn4j.golden.GoldenAssert.assertClose;
import static dev.rnn4j.golden.GoldenAssert.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Tensor operations against PyTorch (tools/golden/ops.py): for each expression of
 * {@link OpsCatalog}, the output, its grad_fn name, its printed form, and the gradient of every
 * input for a random upstream gradient.
 */
class OpsGoldenTest {

    private static final String NAMES = "abc";

    @TestFactory
    Stream<DynamicTest> ops() {
        return GoldenFile.load("ops.txt").stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private static void check(GoldenFile.Case c) {
        Tensor[] inputs = new Tensor[c.getInt("inputs")];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = tensor(c.tensor(name(i))).requiresGrad(true);
        }
        Tensor out = OpsCatalog.apply(c.get("op"), inputs);

        assertClose("output", c.tensor("output"), out);
        assertNotNull(out.gradFn(), "output has no grad_fn");
        assertEquals(c.get("grad_fn"), out.gradFn().name(), "grad_fn");
        assertEquals(c.text("repr"), out.toString(), "printed output");
        out.backward(tensor(c.tensor("grad_output")));
        for (int i = 0; i < inputs.length; i++) {
            assertClose("grad " + name(i), c.tensor("grad." + name(i)), inputs[i].grad());
        }
    }

    private static String name(int i) {
        return String.valueOf(NAMES.charAt(i));
    }
}
