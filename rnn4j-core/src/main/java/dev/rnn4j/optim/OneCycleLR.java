package dev.rnn4j.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The 1cycle policy, as {@code torch.optim.lr_scheduler.OneCycleLR}: the rate rises from
 * {@code maxLr/divFactor} to {@code maxLr} over the first {@code pctStart} of the steps, then
 * falls to {@code initial/finalDivFactor} (three-phase: back to the initial rate first), each
 * phase annealed by cosine or linearly; with cycleMomentum the momentum (or Adam's β1) moves
 * the opposite way between maxMomentum and baseMomentum. Step it after every batch.
 *
 * <pre>{@code
 * var scheduler = OneCycleLR.builder(optimizer, 0.01).totalSteps(1000).build();
 * }</pre>
 *
 * <p>Like PyTorch, it keeps {@code initial_lr, max_lr, min_lr, max_momentum, base_momentum} in
 * the optimizer's groups, and its phases name those keys.
 */
public final class OneCycleLR extends LRScheduler {

    /** One phase: it ends at {@code endStep} and anneals between the groups' values under these keys. */
    record Phase(double endStep, String startLr, String endLr, String startMomentum, String endMomentum) {
        Map<String, Object> toMap(boolean last) {
            Map<String, Object> m = new LinkedHashMap<>();
            // PyTorch writes the last phase's end as the integer total_steps - 1
            m.put("end_step", last ? (Object) (int) endStep : (Object) endStep);
            m.put("start_lr", startLr);
            m.put("end_lr", endLr);
            m.put("start_momentum", startMomentum);
            m.put("end_momentum", endMomentum);
            return m;
        }
    }

    private int totalSteps;
    private List<Phase> phases;
    private String annealStrategy;
    private boolean cycleMomentum;
    private boolean useBeta1;

    private OneCycleLR(Builder b) {
        super(b.optimizer, b.lastEpoch);
        totalSteps = OneCycleSetup.totalSteps(b);
        phases = OneCycleSetup.phases(b, totalSteps);
        OneCycleSetup.check(b);
        annealStrategy = b.annealStrategy;
        cycleMomentum = b.cycleMomentum;
        useBeta1 = b.optimizer.defaults().containsKey("betas");
        if (b.lastEpoch == -1) {
            OneCycleSetup.initGroups(b, useBeta1);
        }
        start();
    }

    public static Builder builder(Optimizer optimizer, double maxLr) {
        return new Builder(optimizer, maxLr);
    }

    /** One maximum rate per parameter group. */
    public static Builder builder(Optimizer optimizer, List<Double> maxLrs) {
        return new Builder(optimizer, maxLrs);
    }

    /** OneCycleLR's settings, PyTorch's defaults: pct_start 0.3, cos, momentum 0.85–0.95, div_factor 25, final_div_factor 1e4. */
    public static final class Builder {

        final Optimizer optimizer;
        final Object maxLr;
        Integer totalSteps;
        Integer epochs;
        Integer stepsPerEpoch;
        double pctStart = 0.3;
        String annealStrategy = "cos";
        boolean cycleMomentum = true;
        Object baseMomentum = 0.85;
        Object maxMomentum = 0.95;
        double divFactor = 25.0;
        double finalDivFactor = 1e4;
        boolean threePhase;
        int lastEpoch = -1;

        private Builder(Optimizer optimizer, Object maxLr) {
            this.optimizer = optimizer;
            this.maxLr = maxLr;
        }

        /** The number of steps in the cycle; or give {@link #epochs} and {@link #stepsPerEpoch}. */
        public Builder totalSteps(int totalSteps) {
            this.totalSteps = totalSteps;
            return this;
        }

        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        public Builder stepsPerEpoch(int stepsPerEpoch) {
            this.stepsPerEpoch = stepsPerEpoch;
            return this;
        }

        /** The fraction of the cycle spent raising the rate. */
        public Builder pctStart(double pctStart) {
            this.pctStart = pctStart;
            return this;
        }

        /** {@code "cos"} or {@code "linear"}. */
        public Builder annealStrategy(String annealStrategy) {
            this.annealStrategy = annealStrategy;
            return this;
        }

        public Builder cycleMomentum(boolean cycleMomentum) {
            this.cycleMomentum = cycleMomentum;
            return this;
        }

        public Builder baseMomentum(double baseMomentum) {
            this.baseMomentum = baseMomentum;
            return this;
        }

        /** One lower momentum per parameter group. */
        public Builder baseMomentum(List<Double> baseMomentum) {
            this.baseMomentum = List.copyOf(baseMomentum);
            return this;
        }

        public Builder maxMomentum(double maxMomentum) {
            this.maxMomentum = maxMomentum;
            return this;
        }

        /** One upper momentum per parameter group. */
        public Builder maxMomentum(List<Double> maxMomentum) {
            this.maxMomentum = List.copyOf(maxMomentum);
            return this;
        }

        /** The initial rate is maxLr / divFactor. */
        public Builder divFactor(double divFactor) {
            this.divFactor = divFactor;
            return this;
        }

        /** The final rate is the initial rate / finalDivFactor. */
        public Builder finalDivFactor(double finalDivFactor) {
            this.finalDivFactor = finalDivFactor;
            return this;
        }

        /** Up, back down to the initial rate, then down to the final rate (Leslie Smith's three phases). */
        public Builder threePhase(boolean threePhase) {
            this.threePhase = threePhase;
            return this;
        }

        /** The step to resume after; the groups then already hold initial_lr, max_lr and the momenta. */
        public Builder lastEpoch(int lastEpoch) {
            this.lastEpoch = lastEpoch;
            return this;
        }

        /** Checks every setting (PyTorch's messages) before changing the optimizer's groups. */
        public OneCycleLR build() {
            return new OneCycleLR(this);
        }
    }

    @Override
    void checkStep(int epoch) {
        if (epoch > totalSteps) {
            throw new IllegalStateException("Tried to step " + epoch + " times. The specified number of total steps is "
                    + totalSteps);
        }
    }

    @Override
    List<Double> computeLr() {
        List<Double> lrs = new ArrayList<>();
        int step = lastEpoch();
        for (ParamGroup group : optimizer().paramGroups()) {
            double startStep = 0.0;
            for (int i = 0; i < phases.size(); i++) {
                Phase phase = phases.get(i);
                if (step <= phase.endStep() || i == phases.size() - 1) {
                    double pct = (step - startStep) / (phase.endStep() - startStep);
                    lrs.add(anneal(group.getDouble(phase.startLr()), group.getDouble(phase.endLr()), pct));
                    if (cycleMomentum) {
                        setMomentum(group, anneal(group.getDouble(phase.startMomentum()),
                                group.getDouble(phase.endMomentum()), pct));
                    }
                    break;
                }
                startStep = phase.endStep();
            }
        }
        return lrs;
    }

    private double anneal(double start, double end, double pct) {
        if (annealStrategy.equals("cos")) {
            double cosOut = Math.cos(Math.PI * pct) + 1;
            return end + (start - end) / 2.0 * cosOut;
        }
        return (end - start) * pct + start;
    }

    private void setMomentum(ParamGroup group, double momentum) {
        OneCycleSetup.setMomentum(group, momentum, useBeta1);
    }

    @Override
    void saveSettings(Map<String, Object> out) {
        out.put("total_steps", totalSteps);
        List<Object> saved = new ArrayList<>();
        for (int i = 0; i < phases.size(); i++) {
            saved.add(phases.get(i).toMap(i == phases.size() - 1));
        }
        out.put("_schedule_phases", Collections.unmodifiableList(saved));
        out.put("_anneal_func_type", annealStrategy);
        out.put("cycle_momentum", cycleMomentum);
        if (cycleMomentum) {
            out.put("use_beta1", useBeta1);
        }
    }

    @Override
    Runnable loadSettings(StateValues v) {
        int total = v.integer("total_steps", totalSteps);
        List<Phase> loadedPhases = OneCycleSetup.loadPhases(v.raw("_schedule_phases", null), phases);
        String anneal = v.string("_anneal_func_type", annealStrategy);
        if (!anneal.equals("cos") && !anneal.equals("linear")) {
            throw new IllegalArgumentException("Unknown _anneal_func_type: " + anneal);
        }
        boolean cycle = v.bool("cycle_momentum", cycleMomentum);
        boolean beta1 = v.bool("use_beta1", useBeta1);
        return () -> {
            totalSteps = total;
            phases = loadedPhases;
            annealStrategy = anneal;
            cycleMomentum = cycle;
            useBeta1 = beta1;
        };
    }
}
