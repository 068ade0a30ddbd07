package dev.rnn4j.optim;

import dev.rnn4j.golden.GoldenFile;
import dev.rnn4j.nn.Parameter;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.Supplier;

import static dev.rnn4j.optim.OptimizerCases.number;

/**
 * Builds the schedulers a case of {@code lr_scheduler.txt} names (tools/golden/lr_scheduler.py)
 * from its {@code arg.*} settings, through the public constructors and builders.
 */
final class SchedulerCases {

    static final List<GoldenFile.Case> ALL = GoldenFile.load("lr_scheduler.txt");

    private SchedulerCases() {
    }

    static List<GoldenFile.Case> ofKind(String kind) {
        return ALL.stream().filter(c -> c.get("kind").equals(kind)).toList();
    }

    /** One epoch-driven or metric-driven scheduler, stepped the same way by the tests. */
    interface Scheduler {
        void step(double metric);

        Map<String, Object> stateDict();

        void loadStateDict(Map<String, ?> state);
    }

    static Optimizer optimizer(GoldenFile.Case c, List<Parameter> params) {
        return OptimizerCases.build(c, params);
    }

    static Scheduler build(GoldenFile.Case c, Optimizer opt) {
        return build(c.get("scheduler"), OptimizerCases.options(c, "arg."), opt);
    }

    static Scheduler build(String name, Map<String, Object> args, Optimizer opt) {
        if (name.equals("ReduceLROnPlateau")) {
            ReduceLROnPlateau plateau = plateau(args, opt);
            return wrap(plateau::step, plateau::stateDict, plateau::loadStateDict);
        }
        LRScheduler s = switch (name) {
            case "StepLR" -> new StepLR(opt, integerOr(args, "step_size", 0), numberOr(args, "gamma", 0.1),
                    integerOr(args, "last_epoch", -1));
            case "CosineAnnealingLR" -> new CosineAnnealingLR(opt, integerOr(args, "T_max", 0),
                    numberOr(args, "eta_min", 0.0), integerOr(args, "last_epoch", -1));
            case "OneCycleLR" -> oneCycle(args, opt);
            default -> throw new IllegalArgumentException("unknown scheduler " + name);
        };
        return wrap(metric -> s.step(), s::stateDict, s::loadStateDict);
    }

    private static Scheduler wrap(DoubleConsumer step, Supplier<Map<String, Object>> state,
                                  Consumer<Map<String, ?>> load) {
        return new Scheduler() {
            @Override
            public void step(double metric) {
                step.accept(metric);
            }

            @Override
            public Map<String, Object> stateDict() {
                return state.get();
            }

            @Override
            public void loadStateDict(Map<String, ?> saved) {
                load.accept(saved);
            }
        };
    }

    private static OneCycleLR oneCycle(Map<String, Object> args, Optimizer opt) {
        Object maxLr = args.get("max_lr");
        var b = maxLr instanceof List<?> list ? OneCycleLR.builder(opt, doubles(list))
                : OneCycleLR.builder(opt, number(maxLr));
        args.forEach((k, v) -> {
            switch (k) {
                case "max_lr" -> { }
                case "total_steps" -> b.totalSteps((Integer) v);
                case "epochs" -> b.epochs((Integer) v);
                case "steps_per_epoch" -> b.stepsPerEpoch((Integer) v);
                case "pct_start" -> b.pctStart(number(v));
                case "anneal_strategy" -> b.annealStrategy((String) v);
                case "cycle_momentum" -> b.cycleMomentum((Boolean) v);
                case "base_momentum" -> listOrNumber(v, b::baseMomentum, b::baseMomentum);
                case "max_momentum" -> listOrNumber(v, b::maxMomentum, b::maxMomentum);
                case "div_factor" -> b.divFactor(number(v));
                case "final_div_factor" -> b.finalDivFactor(number(v));
                case "three_phase" -> b.threePhase((Boolean) v);
                case "last_epoch" -> b.lastEpoch((Integer) v);
                default -> throw new IllegalArgumentException("unknown OneCycleLR argument " + k);
            }
        });
        return b.build();
    }

    private static ReduceLROnPlateau plateau(Map<String, Object> args, Optimizer opt) {
        var b = ReduceLROnPlateau.builder(opt);
        args.forEach((k, v) -> {
            switch (k) {
                case "mode" -> b.mode((String) v);
                case "factor" -> b.factor(number(v));
                case "patience" -> b.patience((Integer) v);
                case "threshold" -> b.threshold(number(v));
                case "threshold_mode" -> b.thresholdMode((String) v);
                case "cooldown" -> b.cooldown((Integer) v);
                case "eps" -> b.eps(number(v));
                case "min_lr" -> listOrNumber(v, b::minLr, b::minLr);
                default -> throw new IllegalArgumentException("unknown ReduceLROnPlateau argument " + k);
            }
        });
        return b.build();
    }

    /** A per-group list goes to one setter, a single number to the other. */
    private static void listOrNumber(Object v, Consumer<List<Double>> perGroup, DoubleConsumer single) {
        if (v instanceof List<?> list) {
            perGroup.accept(doubles(list));
        } else {
            single.accept(number(v));
        }
    }

    static List<Double> doubles(List<?> list) {
        return list.stream().map(OptimizerCases::number).toList();
    }

    private static int integerOr(Map<String, Object> args, String key, int absent) {
        return args.containsKey(key) ? (Integer) args.get(key) : absent;
    }

    private static double numberOr(Map<String, Object> args, String key, double absent) {
        return args.containsKey(key) ? OptimizerCases.number(args.get(key)) : absent;
    }
}
