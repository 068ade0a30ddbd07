package dev.rnn4j.optim;

import dev.rnn4j.Torch;
import dev.rnn4j.golden.GoldenFile;
import dev.rnn4j.nn.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Bad scheduler settings and steps past the end fail with PyTorch's messages, before anything changes. */
class LRSchedulerErrorsTest {

    static List<GoldenFile.Case> errors() {
        return SchedulerCases.ofKind("error");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void failsWithPyTorchsMessage(GoldenFile.Case c) {
        List<Parameter> params = List.of(new Parameter(Torch.zeros(3, 4)), new Parameter(Torch.zeros(4)),
                new Parameter(Torch.zeros(2)));
        Optimizer opt = SchedulerCases.optimizer(c, params);
        int failAt = c.getInt("fail_at_step");
        if (failAt == 0) {
            String before = Json.write(opt.stateDict());
            var e = assertThrows(IllegalArgumentException.class, () -> SchedulerCases.build(c, opt));
            assertEquals(c.text("message"), e.getMessage());
            assertEquals(before, Json.write(opt.stateDict()), "the optimizer's groups are unchanged");
            return;
        }
        SchedulerCases.Scheduler scheduler = SchedulerCases.build(c, opt);
        for (int k = 1; k < failAt; k++) {
            scheduler.step(0);
        }
        Map<String, Object> before = scheduler.stateDict();
        var e = assertThrows(IllegalStateException.class, () -> scheduler.step(0));
        assertEquals(c.text("message"), e.getMessage());
        assertEquals(Json.write(before), Json.write(scheduler.stateDict()), "the scheduler is unchanged");
    }

    @Test
    void nonPositivePeriodsFailAtConstruction() {
        Optimizer opt = SGD.builder(List.of(new Parameter(Torch.zeros(2)))).build();
        var e = assertThrows(IllegalArgumentException.class, () -> new StepLR(opt, 0));
        assertEquals("step_size must be a positive integer, but got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CosineAnnealingLR(opt, -3));
        assertEquals("T_max must be a positive integer, but got -3", e.getMessage());
        assertEquals(false, opt.paramGroups().get(0).has("initial_lr"));
    }

    @Test
    void aGroupAddedAfterReduceLROnPlateauWithPerGroupMinimaFails() {
        Parameter a = new Parameter(Torch.zeros(2));
        Optimizer opt = SGD.builder(List.of(a)).lr(0.1).build();
        ReduceLROnPlateau plateau = ReduceLROnPlateau.builder(opt).patience(0).minLr(List.of(0.01)).build();
        opt.addParamGroup(ParamGroup.of(new Parameter(Torch.zeros(2))));
        plateau.step(1.0);
        var e = assertThrows(IllegalStateException.class, () -> plateau.step(2.0));
        assertEquals("The number of param groups in the `optimizer` (2) differs from when `ReduceLROnPlateau` was "
                + "initialized (1), usually due to a new param group being added to the optimizer. Please modify the "
                + "`min_lrs` field to match the length of the `optimizer` param groups.", e.getMessage());
    }
}
