package dev.rnn4j.optim;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.golden.GoldenFile;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.random.Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** State dicts: a resumed run equals an uninterrupted one bit for bit; a bad dict changes nothing. */
class OptimizerStateDictTest {

    /** 10 steps, stateDict, a fresh optimizer over fresh parameters loads it, 10 more: PyTorch's 20 steps. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.rnn4j.optim.OptimizerTrajectoryTest#trajectories")
    void resumedRunEqualsUninterruptedRun(GoldenFile.Case c) {
        List<Parameter> params = OptimizerCases.params(c);
        Optimizer first = OptimizerCases.build(c, params);
        Generator gen = OptimizerCases.gradGenerator(c);
        int half = c.getInt("steps") / 2;
        OptimizerTrajectoryTest.runSteps(c, first, params, gen, 1, half);
        Map<String, Object> saved = first.stateDict();
        List<Parameter> resumed = copies(params);
        Optimizer second = OptimizerCases.build(c, resumed);
        second.loadStateDict(saved);
        assertEquals(Json.write(saved.get("param_groups")), Json.write(second.stateDict().get("param_groups")));
        OptimizerTrajectoryTest.runSteps(c, second, resumed, gen, half + 1, c.getInt("steps"));
        OptimizerTrajectoryTest.assertFinalState(c, second);
    }

    /** The saved tensors are copies: stepping on does not change a state dict already taken. */
    @Test
    void stateDictHoldsCopies() {
        Parameter p = new Parameter(Torch.ones(3));
        Optimizer opt = Adam.builder(List.of(p)).lr(0.1).build();
        p.setGrad(Torch.ones(3));
        opt.step();
        Map<?, ?> entry = (Map<?, ?>) ((Map<?, ?>) opt.stateDict().get("state")).get(0);
        float[] before = ((Tensor) entry.get("exp_avg")).toFloatArray();
        opt.step();
        assertArrayEquals(before, ((Tensor) entry.get("exp_avg")).toFloatArray());
        assertEquals(1f, ((Tensor) entry.get("step")).item());
        assertEquals(0, ((Tensor) entry.get("step")).dim());
        assertNotSame(entry.get("exp_avg"), ((Map<?, ?>) ((Map<?, ?>) opt.stateDict().get("state")).get(0))
                .get("exp_avg"));
    }

    @Test
    void loadedStateMustFitTheParameters() {
        Parameter p = new Parameter(Torch.ones(3));
        Optimizer opt = SGD.builder(List.of(p)).lr(0.1).momentum(0.9).build();
        p.setGrad(Torch.ones(3));
        opt.step();
        Map<String, Object> good = opt.stateDict();
        String before = Json.write(good.get("param_groups"));

        Map<String, Object> wrongShape = Map.of("param_groups", good.get("param_groups"),
                "state", Map.of(0, Map.of("momentum_buffer", Torch.ones(2))));
        var e = assertThrows(IllegalArgumentException.class, () -> opt.loadStateDict(wrongShape));
        assertEquals("loaded state for parameter 0: 'momentum_buffer' must be a tensor of shape "
                + "torch.Size([3]), got a tensor of shape torch.Size([2])", e.getMessage());

        Map<String, Object> unknownKey = Map.of("param_groups", good.get("param_groups"),
                "state", Map.of(0, Map.of("exp_avg", Torch.ones(3))));
        e = assertThrows(IllegalArgumentException.class, () -> opt.loadStateDict(unknownKey));
        assertEquals("loaded state for parameter 0 has an entry 'exp_avg' that SGD does not keep", e.getMessage());

        Map<String, Object> unknownIndex = Map.of("param_groups", good.get("param_groups"),
                "state", Map.of(5L, Map.of("momentum_buffer", Torch.ones(3))));
        e = assertThrows(IllegalArgumentException.class, () -> opt.loadStateDict(unknownIndex));
        assertEquals("loaded state dict has state for parameter 5, which no parameter group lists", e.getMessage());

        assertEquals(before, Json.write(opt.stateDict().get("param_groups")));
        Map<?, ?> entry = (Map<?, ?>) ((Map<?, ?>) opt.stateDict().get("state")).get(0);
        assertArrayEquals(new float[]{1, 1, 1}, ((Tensor) entry.get("momentum_buffer")).toFloatArray());
    }

    /** Long indices (as torch.load gives) load as well as Integer ones. */
    @Test
    void longIndicesLoad() {
        Parameter p = new Parameter(Torch.ones(2));
        Optimizer opt = SGD.builder(List.of(p)).lr(0.1).momentum(0.9).build();
        Map<String, Object> group = new LinkedHashMap<>((Map<String, ?>) ((List<?>) opt.stateDict()
                .get("param_groups")).get(0));
        group.put("params", List.of(7L));
        group.put("lr", 0.25);
        opt.loadStateDict(Map.of("param_groups", List.of(group),
                "state", Map.of(7L, Map.of("momentum_buffer", Torch.full(new int[]{2}, 2f)))));
        p.setGrad(Torch.ones(2));
        opt.step();
        // buf = 0.9·2 + 1 = 2.8; p = 1 − 0.25·2.8
        assertArrayEquals(new float[]{1 - 0.25f * 2.8f, 1 - 0.25f * 2.8f}, p.toFloatArray(), 1e-7f);
        assertEquals(0.25, opt.paramGroups().get(0).lr());
    }

    private static List<Parameter> copies(List<Parameter> params) {
        List<Parameter> out = new ArrayList<>();
        for (Parameter p : params) {
            out.add(new Parameter(Torch.tensor(p.toFloatArray(), p.shape().toArray())));
        }
        return out;
    }
}
