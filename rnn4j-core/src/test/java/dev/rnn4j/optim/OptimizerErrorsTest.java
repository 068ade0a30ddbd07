package dev.rnn4j.optim;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.golden.GoldenFile;
import dev.rnn4j.nn.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Bad settings and misfit state dicts fail with PyTorch's messages, before anything changes. */
class OptimizerErrorsTest {

    static List<GoldenFile.Case> errors() {
        return OptimizerCases.ofKind("error");
    }

    static List<GoldenFile.Case> loadErrors() {
        return OptimizerCases.ofKind("load_error");
    }

    static List<GoldenFile.Case> groupErrors() {
        return OptimizerCases.ofKind("group_error");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void badSettingFailsWithPyTorchsMessage(GoldenFile.Case c) {
        List<Parameter> params = List.of(new Parameter(Torch.ones(2)));
        var e = assertThrows(IllegalArgumentException.class, () -> OptimizerCases.build(
                c.get("optimizer"), OptimizerCases.options(c, "option."), params, null));
        assertEquals(c.text("message"), e.getMessage());
    }

    /** The same checks apply to a group's own options. */
    @Test
    void badGroupOptionFails() {
        Parameter p = new Parameter(Torch.ones(2));
        var e = assertThrows(IllegalArgumentException.class,
                () -> Adam.builder(ParamGroup.of(p).set("betas", List.of(0.9, 1.5))).build());
        assertEquals("Invalid beta parameter at index 1: 1.5", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("loadErrors")
    void misfitStateDictFailsAndChangesNothing(GoldenFile.Case c) {
        List<Parameter> params = params();
        Optimizer source = sgdOver(params, c.get("saved_groups"));
        Optimizer target = sgdOver(params, c.get("groups"));
        target.paramGroups().get(0).setLr(0.5);
        String before = Json.write(target.stateDict());
        var e = assertThrows(IllegalArgumentException.class, () -> target.loadStateDict(source.stateDict()));
        assertEquals(c.text("message"), e.getMessage());
        assertEquals(before, Json.write(target.stateDict()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("groupErrors")
    void misfitParametersFail(GoldenFile.Case c) {
        List<Parameter> p = params();
        Map<String, Function<List<Parameter>, SGD>> builds = Map.of(
                "group_error_empty", q -> SGD.builder(List.<Tensor>of()).lr(0.1).build(),
                "group_error_overlap", q -> SGD.builder(ParamGroup.of(q.get(0)), ParamGroup.of(q.get(0), q.get(1)))
                        .lr(0.1).build(),
                "group_error_non_leaf", q -> SGD.builder(List.of(q.get(0).mul(2f))).lr(0.1).build());
        var e = assertThrows(IllegalArgumentException.class, () -> builds.get(c.name()).apply(p));
        assertEquals(c.text("message"), e.getMessage());
    }

    @Test
    void duplicateParameterInAGroupFails() {
        Parameter p = new Parameter(Torch.ones(2));
        var e = assertThrows(IllegalArgumentException.class, () -> SGD.builder(List.of(p, p)).build());
        assertEquals("optimizer contains a parameter group with duplicate parameters", e.getMessage());
    }

    private static List<Parameter> params() {
        return List.of(new Parameter(Torch.ones(3, 4)), new Parameter(Torch.ones(4)),
                new Parameter(Torch.ones(2)));
    }

    /** An SGD over groups written as "0|1 2": parameter indices, groups split by |. */
    private static Optimizer sgdOver(List<Parameter> params, String groups) {
        List<ParamGroup> out = new ArrayList<>();
        for (String g : groups.split("\\|")) {
            List<Tensor> members = new ArrayList<>();
            for (String i : g.split(" ")) {
                members.add(params.get(Integer.parseInt(i)));
            }
            out.add(ParamGroup.of(members));
        }
        return SGD.builder(out.toArray(new ParamGroup[0])).lr(0.1).build();
    }
}
