package dev.rnn4j.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** OneCycleLR's construction, as PyTorch's {@code __init__}: its checks, its phases, the values it puts in the groups. */
final class OneCycleSetup {

    private OneCycleSetup() {
    }

    static int totalSteps(OneCycleLR.Builder b) {
        if (b.totalSteps != null) {
            if (b.totalSteps <= 0) {
                throw new IllegalArgumentException("Expected positive integer total_steps, but got " + b.totalSteps);
            }
            return b.totalSteps;
        }
        if (b.epochs != null && b.stepsPerEpoch != null) {
            if (b.epochs <= 0) {
                throw new IllegalArgumentException("Expected positive integer epochs, but got " + b.epochs);
            }
            if (b.stepsPerEpoch <= 0) {
                throw new IllegalArgumentException("Expected positive integer steps_per_epoch, but got "
                        + b.stepsPerEpoch);
            }
            return b.epochs * b.stepsPerEpoch;
        }
        throw new IllegalArgumentException("You must define either total_steps OR (epochs AND steps_per_epoch)");
    }

    /** Up to max_lr, (three-phase: back to initial_lr,) down to min_lr; the momentum mirrors the rate. */
    static List<OneCycleLR.Phase> phases(OneCycleLR.Builder b, int total) {
        double pct = b.pctStart;
        if (b.threePhase) {
            return List.of(
                    new OneCycleLR.Phase(pct * total - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                    new OneCycleLR.Phase(2 * pct * total - 2, "max_lr", "initial_lr", "base_momentum", "max_momentum"),
                    new OneCycleLR.Phase(total - 1, "initial_lr", "min_lr", "max_momentum", "max_momentum"));
        }
        return List.of(
                new OneCycleLR.Phase(pct * total - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                new OneCycleLR.Phase(total - 1, "max_lr", "min_lr", "base_momentum", "max_momentum"));
    }

    /** Every check PyTorch's constructor makes, all before the groups change. */
    static void check(OneCycleLR.Builder b) {
        if (!(b.pctStart >= 0 && b.pctStart <= 1)) {
            throw new IllegalArgumentException("Expected float between 0 and 1 pct_start, but got "
                    + PyValues.str(b.pctStart));
        }
        if (!b.annealStrategy.equals("cos") && !b.annealStrategy.equals("linear")) {
            throw new IllegalArgumentException("anneal_strategy must be one of 'cos' or 'linear', instead got "
                    + b.annealStrategy);
        }
        perGroup("max_lr", b.optimizer, b.maxLr);
        if (b.cycleMomentum) {
            Map<String, Object> defaults = b.optimizer.defaults();
            if (!defaults.containsKey("momentum") && !defaults.containsKey("betas")) {
                throw new IllegalArgumentException("optimizer must support momentum or beta1 with `cycle_momentum` "
                        + "option enabled");
            }
            perGroup("max_momentum", b.optimizer, b.maxMomentum);
            perGroup("base_momentum", b.optimizer, b.baseMomentum);
        }
    }

    /** Puts initial_lr, max_lr, min_lr (and the momenta) in each group, as a fresh OneCycleLR does. */
    static void initGroups(OneCycleLR.Builder b, boolean useBeta1) {
        List<ParamGroup> groups = b.optimizer.paramGroups();
        List<Double> maxLrs = perGroup("max_lr", b.optimizer, b.maxLr);
        for (int i = 0; i < groups.size(); i++) {
            ParamGroup g = groups.get(i);
            g.set("initial_lr", maxLrs.get(i) / b.divFactor);
            g.set("max_lr", maxLrs.get(i));
            g.set("min_lr", g.getDouble("initial_lr") / b.finalDivFactor);
        }
        if (b.cycleMomentum) {
            List<Double> max = perGroup("max_momentum", b.optimizer, b.maxMomentum);
            List<Double> base = perGroup("base_momentum", b.optimizer, b.baseMomentum);
            for (int i = 0; i < groups.size(); i++) {
                setMomentum(groups.get(i), max.get(i), useBeta1);
                groups.get(i).set("max_momentum", max.get(i));
                groups.get(i).set("base_momentum", base.get(i));
            }
        }
    }

    /** The group's momentum, or β1 of its betas for Adam-like optimizers. */
    static void setMomentum(ParamGroup group, double momentum, boolean useBeta1) {
        if (useBeta1) {
            group.set("betas", List.of(momentum, group.getDouble("betas", 1)));
        } else {
            group.set("momentum", momentum);
        }
    }

    /** A value or one value per group, as PyTorch's {@code _format_param}. */
    @SuppressWarnings("unchecked")
    private static List<Double> perGroup(String name, Optimizer optimizer, Object value) {
        int groups = optimizer.paramGroups().size();
        if (value instanceof List<?> list) {
            if (list.size() != groups) {
                throw new IllegalArgumentException(name + " must have the same length as optimizer.param_groups. "
                        + name + " has " + list.size() + " values, param_groups has " + groups + ".");
            }
            return (List<Double>) list;
        }
        return Collections.nCopies(groups, (Double) value);
    }

    /** The phases of a loaded state dict, checked. */
    static List<OneCycleLR.Phase> loadPhases(Object saved, List<OneCycleLR.Phase> current) {
        if (saved == null) {
            return current;
        }
        if (!(saved instanceof List<?> list)) {
            throw StateValues.wrong("_schedule_phases", "a list of phases", saved);
        }
        List<OneCycleLR.Phase> out = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> m) || !(m.get("end_step") instanceof Number end)) {
                throw StateValues.wrong("_schedule_phases", "a list of phases", saved);
            }
            out.add(new OneCycleLR.Phase(end.doubleValue(), key(m, "start_lr"), key(m, "end_lr"),
                    key(m, "start_momentum"), key(m, "end_momentum")));
        }
        return List.copyOf(out);
    }

    private static String key(Map<?, ?> phase, String name) {
        if (phase.get(name) instanceof String s) {
            return s;
        }
        throw StateValues.wrong("_schedule_phases", "phases naming group keys under '" + name + "'", phase);
    }
}
