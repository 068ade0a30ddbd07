package dev.rnn4j.optim;

import dev.rnn4j.Torch;
import dev.rnn4j.golden.GoldenFile;
import dev.rnn4j.nn.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * StepLR, CosineAnnealingLR, OneCycleLR and ReduceLROnPlateau against PyTorch, epoch by epoch
 * (30 to 60 epochs): every group's rate and momentum, then the state dict and the groups.
 */
class LRSchedulerTest {

    /**
     * Rates from a cosine differ from PyTorch's in the last bits: glibc's cos (Python's
     * math.cos) is correctly rounded, Java's Math.cos only within one ulp, and the recursive
     * cosine schedule divides by 1 + cos(π(t−1)/T), which near the bottom of a cycle magnifies a
     * one-ulp difference by up to ~2T²/π² (≈ 500 for T = 50): about 1e-13 of the rate. A wrong
     * formula (a branch missed) is off by 1e-3 or more. The closed form, though, differs from
     * the recursive one only in the last bits too, so cosine schedules must also match bit for
     * bit in at least {@link #COSINE_EXACT_SHARE} of their rates (the closed form does in 10-50%;
     * rnn4j does in all of them here). Rates that need no transcendental function (StepLR,
     * ReduceLROnPlateau, linear OneCycleLR) must all match exactly.
     */
    static final double COSINE_TOLERANCE = 1e-12;
    static final double COSINE_EXACT_SHARE = 0.95;

    static List<GoldenFile.Case> schedules() {
        return SchedulerCases.ofKind("schedule");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schedules")
    void ratesFollowPyTorch(GoldenFile.Case c) {
        Optimizer opt = SchedulerCases.optimizer(c, params());
        SchedulerCases.Scheduler scheduler = SchedulerCases.build(c, opt);
        int[] exactOfAll = new int[2];
        assertRates(c, 0, opt, exactOfAll);
        scheduler = run(c, opt, scheduler, 1, c.getInt("steps"), exactOfAll);
        assertTrue(exactOfAll[0] >= COSINE_EXACT_SHARE * exactOfAll[1], c + ": only " + exactOfAll[0] + " of "
                + exactOfAll[1] + " rates and momenta are PyTorch's to the bit");
        assertFinal(c, opt, scheduler);
    }

    /**
     * Half the epochs, then the optimizer's and the scheduler's state dicts loaded into fresh ones
     * (scheduler built first, as PyTorch advises), then the rest: the same rates and final state.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("schedules")
    void resumedScheduleFollowsPyTorch(GoldenFile.Case c) {
        if (c.getInt("resume_after") != -1) {
            return; // the case itself rebuilds its scheduler half way
        }
        Optimizer opt = SchedulerCases.optimizer(c, params());
        SchedulerCases.Scheduler scheduler = SchedulerCases.build(c, opt);
        int half = c.getInt("steps") / 2;
        int[] exactOfAll = new int[2];
        run(c, opt, scheduler, 1, half, exactOfAll);
        Optimizer resumedOpt = SchedulerCases.optimizer(c, params());
        SchedulerCases.Scheduler resumed = SchedulerCases.build(c, resumedOpt);
        resumedOpt.loadStateDict(opt.stateDict());
        resumed.loadStateDict(scheduler.stateDict());
        run(c, resumedOpt, resumed, half + 1, c.getInt("steps"), exactOfAll);
        assertFinal(c, resumedOpt, resumed);
    }

    private static List<Parameter> params() {
        return List.of(new Parameter(Torch.zeros(3, 4)), new Parameter(Torch.zeros(4)), new Parameter(Torch.zeros(2)));
    }

    /** Epochs {@code from} to {@code to}: optimizer step, scheduler step, rates checked; returns the scheduler. */
    private static SchedulerCases.Scheduler run(GoldenFile.Case c, Optimizer opt, SchedulerCases.Scheduler scheduler,
                                                int from, int to, int[] exactOfAll) {
        double[] metrics = c.settings().containsKey("metrics")
                ? Arrays.stream(c.get("metrics").split(" ")).mapToDouble(Double::parseDouble).toArray() : null;
        for (int k = from; k <= to; k++) {
            opt.step();
            scheduler.step(metrics == null ? 0 : metrics[k - 1]);
            if (k == c.getInt("resume_after")) {
                Map<String, Object> args = new LinkedHashMap<>(OptimizerCases.options(c, "arg."));
                args.put("last_epoch", k);
                scheduler = SchedulerCases.build(c.get("scheduler"), args, opt);
            }
            assertRates(c, k, opt, exactOfAll);
        }
        return scheduler;
    }

    private static void assertFinal(GoldenFile.Case c, Optimizer opt, SchedulerCases.Scheduler scheduler) {
        assertState(c, scheduler.stateDict());
        assertEquals(rounded(c.text("param_groups")), rounded(Json.write(opt.stateDict().get("param_groups"))),
                c + " param_groups");
    }

    static boolean usesCosine(GoldenFile.Case c) {
        return c.get("scheduler").equals("CosineAnnealingLR") || (c.get("scheduler").equals("OneCycleLR")
                && !"\"linear\"".equals(c.settings().get("arg.anneal_strategy")));
    }

    /** Epoch k's rates (and momenta) within the tolerance; counts the exact ones in {@code exactOfAll}. */
    private static void assertRates(GoldenFile.Case c, int k, Optimizer opt, int[] exactOfAll) {
        double tolerance = usesCosine(c) ? COSINE_TOLERANCE : 0;
        List<ParamGroup> groups = opt.paramGroups();
        assertClose(c + " lr " + k, c.get("lr." + k), groups.stream().map(ParamGroup::lr).toList(), tolerance,
                exactOfAll);
        if (c.settings().containsKey("momentum." + k)) {
            List<Double> momenta = groups.stream().map(g -> g.has("betas") ? g.getDouble("betas", 0)
                    : g.getDouble("momentum")).toList();
            assertClose(c + " momentum " + k, c.get("momentum." + k), momenta, tolerance, exactOfAll);
        }
    }

    private static void assertClose(String what, String expected, List<Double> actual, double tolerance,
                                    int[] exactOfAll) {
        double[] want = Arrays.stream(expected.split(" ")).mapToDouble(Double::parseDouble).toArray();
        assertEquals(want.length, actual.size(), what);
        for (int i = 0; i < want.length; i++) {
            double diff = Math.abs(want[i] - actual.get(i));
            assertTrue(diff <= tolerance * Math.abs(want[i]), what + " group " + i + ": expected " + want[i]
                    + ", got " + actual.get(i));
            exactOfAll[0] += want[i] == actual.get(i) ? 1 : 0;
            exactOfAll[1]++;
        }
    }

    /** The same keys in the same order as PyTorch's state_dict(), each value equal (numbers to 12 digits). */
    private static void assertState(GoldenFile.Case c, Map<String, Object> state) {
        List<String> expectedKeys = c.settings().keySet().stream().filter(k -> k.startsWith("state."))
                .map(k -> k.substring("state.".length())).toList();
        assertEquals(expectedKeys, List.copyOf(state.keySet()), c + " state keys");
        state.forEach((key, value) -> assertEquals(rounded(c.get("state." + key)), rounded(Json.write(value)),
                c + " state " + key));
    }

    private static final Pattern FLOAT = Pattern.compile("-?\\d+\\.\\d+(e[-+]?\\d+)?|-?\\d+e[-+]?\\d+");

    /** JSON with every float printed to 12 significant digits, so last-bit differences compare equal. */
    static String rounded(String json) {
        Matcher m = FLOAT.matcher(json);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, String.format("%.12g", Double.parseDouble(m.group())));
        }
        return m.appendTail(out).toString();
    }
}
