package dev.rnn4j.nn;

import dev.rnn4j.LongTensor;
import dev.rnn4j.Reduction;
import dev.rnn4j.Tensor;
import dev.rnn4j.golden.GoldenFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.Arrays;
import java.util.stream.Stream;

import static dev.rnn4j.golden.GoldenAssert.assertClose;
import static dev.rnn4j.golden.GoldenAssert.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The loss modules against PyTorch (tools/golden/losses.py): for every option and input shape, the loss, its
 * grad_fn name, the module's repr, and the gradients of the input and of a float target.
 */
class LossesGoldenTest {

    @TestFactory
    Stream<DynamicTest> losses() {
        return GoldenFile.load("losses.txt").stream().filter(c -> !c.get("kind").equals("error"))
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private static void check(GoldenFile.Case c) {
        Tensor input = tensor(c.tensor("input")).requiresGrad(true);
        Tensor target = c.tensors().containsKey("target") ? tensor(c.tensor("target")).requiresGrad(true) : null;
        Module loss = build(c);
        assertEquals(c.text("module_repr"), loss.toString(), "module repr");
        Tensor out = forward(c, loss, input, target);

        assertClose("loss", c.tensor("output"), out);
        assertEquals(c.get("output_grad_fn"), out.gradFn().name(), "grad_fn");
        out.mul(tensor(c.tensor("grad_output"))).sum().backward();
        assertClose("grad input", c.tensor("grad.input"), input.grad());
        if (target != null) {
            assertClose("grad target", c.tensor("grad.target"), target.grad());
        }
    }

    private static Module build(GoldenFile.Case c) {
        Reduction reduction = Reduction.of(c.get("reduction"));
        Tensor weight = optional(c, "weight");
        long ignoreIndex = c.settings().containsKey("ignore_index") ? c.getLong("ignore_index")
                : Functional.IGNORE_INDEX;
        return switch (c.get("kind")) {
            case "cross_entropy", "cross_entropy_prob" -> CrossEntropyLoss.builder().weight(weight)
                    .ignoreIndex(ignoreIndex).reduction(reduction)
                    .labelSmoothing(c.settings().containsKey("label_smoothing") ? c.getDouble("label_smoothing") : 0)
                    .build();
            case "nll" -> new NLLLoss(weight, ignoreIndex, reduction);
            case "mse" -> new MSELoss(reduction);
            case "l1" -> new L1Loss(reduction);
            case "bce" -> new BCEWithLogitsLoss(weight, optional(c, "pos_weight"), reduction);
            default -> throw new IllegalArgumentException("unknown kind " + c.get("kind"));
        };
    }

    private static Tensor forward(GoldenFile.Case c, Module loss, Tensor input, Tensor target) {
        if (loss instanceof CrossEntropyLoss ce) {
            return target != null ? ce.forward(input, target) : ce.forward(input, classIndices(c, input));
        }
        if (loss instanceof NLLLoss nll) {
            return nll.forward(input, classIndices(c, input));
        }
        if (loss instanceof MSELoss mse) {
            return mse.forward(input, target);
        }
        if (loss instanceof L1Loss l1) {
            return l1.forward(input, target);
        }
        return ((BCEWithLogitsLoss) loss).forward(input, target);
    }

    /** The target of an index case: shape (N, d1, …) of an (N, C, d1, …) input, () of a (C) one. */
    private static LongTensor classIndices(GoldenFile.Case c, Tensor input) {
        int[] in = input.shape().toArray();
        int[] shape = in.length == 1 ? new int[0] : concat(in[0], Arrays.copyOfRange(in, 2, in.length));
        return LongTensor.of(c.getLongs("target"), shape);
    }

    private static int[] concat(int first, int[] rest) {
        int[] out = new int[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    private static Tensor optional(GoldenFile.Case c, String name) {
        return c.tensors().containsKey(name) ? tensor(c.tensor(name)) : null;
    }
}
