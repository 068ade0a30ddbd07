package dev.rnn4j.optim;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.golden.GoldenAssert;
import dev.rnn4j.golden.GoldenFile;
import dev.rnn4j.nn.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** clip_grad_norm_ (norm types 2, 1, inf, 0.5, 0, 3, -inf), clip_grad_value_ and their norms, bit for bit with PyTorch. */
class ClipGradTest {

    static final List<GoldenFile.Case> ALL = GoldenFile.load("clip_grad.txt");

    static List<GoldenFile.Case> cases() {
        return ALL.stream().filter(c -> !c.get("function").equals("vector_norm")).toList();
    }

    static List<GoldenFile.Case> vectorNorms() {
        return ALL.stream().filter(c -> c.get("function").equals("vector_norm")).toList();
    }

    /** Every order, every length from 1 to 44: the 2-norm's lane and tail order shows at every length. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("vectorNorms")
    void vectorNormAsPyTorch(GoldenFile.Case c) {
        float[] x = c.tensor("x").values();
        for (String order : c.get("orders").split(" ")) {
            float expected = c.tensor("norm." + order).values()[0];
            double p = order.endsWith("inf") ? (order.startsWith("-") ? -1 : 1) * Double.POSITIVE_INFINITY
                    : Double.parseDouble(order);
            assertEquals(expected, VectorNorm.norm(x, p), 0f, c + " order " + order);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void clipsAsPyTorch(GoldenFile.Case c) {
        List<Parameter> params = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Parameter p = new Parameter(Torch.zeros(1));
            if (c.tensors().containsKey("grad." + i)) {
                p = new Parameter(Torch.zeros(c.tensor("grad." + i).shape()));
                p.setGrad(GoldenAssert.tensor(c.tensor("grad." + i)));
            }
            params.add(p);
        }
        Map<String, Object> args = OptimizerCases.options(c, "arg.");
        if (c.get("function").equals("clip_grad_value_")) {
            ClipGrad.clipGradValue(params, OptimizerCases.number(args.get("clip_value")));
        } else if (c.texts().containsKey("message")) {
            var e = assertThrows(IllegalStateException.class, () -> clipNorm(params, args));
            assertEquals(c.text("message"), e.getMessage());
        } else {
            Tensor total = clipNorm(params, args);
            assertEquals(0, total.dim());
            assertArrayEquals(c.tensor("total_norm").values(), new float[]{total.item()}, c + " total norm");
        }
        for (int i = 0; i < 4; i++) {
            if (c.tensors().containsKey("clipped." + i)) {
                assertArrayEquals(c.tensor("clipped." + i).values(), params.get(i).grad().toFloatArray(),
                        c + " grad " + i);
            } else {
                assertNull(params.get(i).grad());
            }
        }
    }

    private static Tensor clipNorm(List<Parameter> params, Map<String, Object> args) {
        double normType = args.containsKey("norm_type") ? OptimizerCases.number(args.get("norm_type")) : 2.0;
        boolean error = Boolean.TRUE.equals(args.get("error_if_nonfinite"));
        return ClipGrad.clipGradNorm(params, OptimizerCases.number(args.get("max_norm")), normType, error);
    }

    /** A single parameter is one tensor to clip, not a list of its rows. */
    @Test
    void aSingleParameterIsClippedAsAWhole() {
        Parameter p = new Parameter(Torch.zeros(2, 2));
        p.setGrad(Torch.tensor(new float[]{3, 0, 0, 4}, 2, 2));
        Tensor total = ClipGrad.clipGradNorm(p, 1.0);
        assertEquals(5f, total.item());
        float coefficient = 1f / (5f + (float) 1e-6);
        assertArrayEquals(new float[]{3 * coefficient, 0, 0, 4 * coefficient}, p.grad().toFloatArray());
    }

    /** A gradient that is all of its array is scaled in it, one that is a view through a copy: the same values. */
    @Test
    void wholeAndViewGradientsClipAlike() {
        float[] g = {3f, -4f, 12f};
        Parameter whole = new Parameter(Torch.zeros(3));
        Parameter view = new Parameter(Torch.zeros(3));
        whole.setGrad(Torch.tensor(g.clone()));
        view.setGrad(Torch.tensor(new float[]{7f, 3f, -4f, 12f}).narrow(0, 1, 3));
        for (Parameter p : List.of(whole, view)) {
            int before = p.grad().version();
            assertEquals(13f, ClipGrad.clipGradNorm(List.of(p), 6.5).item());
            assertEquals(before + 1, p.grad().version());
            ClipGrad.clipGradValue(List.of(p), 5);
        }
        assertArrayEquals(whole.grad().toFloatArray(), view.grad().toFloatArray());
        assertEquals(1.5f, whole.grad().toFloatArray()[0], 1e-6f);   // 3 · 6.5 / 13, below the clamp
        assertEquals(5f, whole.grad().toFloatArray()[2]);             // 12 · 0.5 = 6, clamped to 5
    }
}
