package dev.rnn4j.optim;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.nn.Parameter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The optimizer's plumbing: gradients, closures, live group options. */
class OptimizerTest {

    @Test
    void zeroGradDropsOrZeroesTheGradients() {
        Parameter a = new Parameter(Torch.ones(2));
        Parameter b = new Parameter(Torch.ones(3));
        Optimizer opt = SGD.builder(List.of(a, b)).build();
        a.setGrad(Torch.ones(2));
        b.setGrad(Torch.ones(3));
        opt.zeroGrad(false);
        assertArrayEquals(new float[2], a.grad().toFloatArray());
        opt.zeroGrad();
        assertNull(a.grad());
        assertNull(b.grad());
    }

    @Test
    void stepWithClosureEvaluatesTheLossThenSteps() {
        Parameter p = new Parameter(Torch.tensor(new float[]{1f, -2f}));
        Optimizer opt = SGD.builder(List.of(p)).lr(0.1).build();
        Tensor loss = opt.step(() -> {
            opt.zeroGrad();
            Tensor l = p.mul(p).sum();
            l.backward();
            return l;
        });
        assertEquals(5f, loss.item());
        // p − 0.1·2p, one fused multiply-add each
        assertArrayEquals(new float[]{Math.fma(2f, -0.1f, 1f), Math.fma(-4f, -0.1f, -2f)}, p.toFloatArray());
    }

    @Test
    void aChangedLearningRateAppliesToTheNextStepOnly() {
        Parameter p = new Parameter(Torch.zeros(1));
        Optimizer opt = SGD.builder(List.of(p)).lr(1).build();
        p.setGrad(Torch.ones(1));
        opt.step();
        opt.paramGroups().get(0).setLr(0.5);
        opt.step();
        assertEquals(-1.5f, p.item());
    }

    @Test
    void aParameterWithoutGradientIsLeftAlone() {
        Parameter a = new Parameter(Torch.ones(2));
        Parameter b = new Parameter(Torch.ones(2));
        Optimizer opt = Adam.builder(List.of(a, b)).lr(0.1).build();
        a.setGrad(Torch.ones(2));
        opt.step();
        assertArrayEquals(new float[]{1f, 1f}, b.toFloatArray());
        assertEquals(List.of(0), List.copyOf(((java.util.Map<?, ?>) opt.stateDict().get("state")).keySet()));
    }

    @Test
    void aTensorIsNotAParameterList() {
        Parameter p = new Parameter(Torch.ones(2, 2));
        var e = assertThrows(IllegalArgumentException.class, () -> SGD.builder(p));
        assertEquals("params argument given to the optimizer should be an iterable of Tensors or dicts, but got "
                + "torch.FloatTensor", e.getMessage());
        assertEquals(List.of(p), ParamGroup.of(p).params());
    }

    @Test
    void groupsKeepTheirOwnOptionsAndTakeTheRestFromTheDefaults() {
        Parameter a = new Parameter(Torch.ones(2));
        Parameter b = new Parameter(Torch.ones(2));
        Optimizer opt = SGD.builder(ParamGroup.of(a), ParamGroup.of(b).set("lr", 0.01)).lr(0.1).momentum(0.9).build();
        assertEquals(0.1, opt.paramGroups().get(0).lr());
        assertEquals(0.01, opt.paramGroups().get(1).lr());
        assertEquals(0.9, opt.paramGroups().get(1).getDouble("momentum"));
        assertEquals(List.of("lr", "momentum", "dampening"), List.copyOf(opt.paramGroups().get(1).options().keySet())
                .subList(0, 3));
    }

    /**
     * A parameter that is all of its array is updated in that array, one that is a view of a larger one through a
     * copy: both give the same values, count one write on the version, and leave the gradient as it was.
     */
    @Test
    void wholeAndViewParametersStepAlike() {
        float[] start = {0.5f, -1.25f, 2f, 0.125f};
        float[] grad = {0.3f, -0.7f, 1.1f, -0.05f};
        Parameter whole = new Parameter(Torch.tensor(start));
        Parameter view = new Parameter(Torch.tensor(new float[]{9f, 0.5f, -1.25f, 2f, 0.125f, 9f}).narrow(0, 1, 4));
        for (Parameter p : List.of(whole, view)) {
            p.setGrad(Torch.tensor(grad.clone()));
            Optimizer opt = Adam.builder(List.of(p)).lr(0.01).build();
            int before = p.version();
            opt.step();
            opt.step();
            assertEquals(before + 2, p.version());
            assertArrayEquals(grad, p.grad().toFloatArray());
        }
        assertArrayEquals(whole.toFloatArray(), view.toFloatArray());
        assertEquals(4, whole.toFloatArray().length);
        assertEquals(0.5f, whole.toFloatArray()[0] + 0.02f, 1e-6f);   // moved by lr on each of two steps
    }
}
