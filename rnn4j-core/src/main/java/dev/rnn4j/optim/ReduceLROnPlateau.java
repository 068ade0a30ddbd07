package dev.rnn4j.optim;

import dev.rnn4j.Tensor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts the learning rates by {@code factor} when a metric stops improving, as
 * {@code torch.optim.lr_scheduler.ReduceLROnPlateau}: after more than {@code patience} epochs
 * without an improvement beyond {@code threshold} (relative or absolute), each group's rate
 * becomes {@code max(lr·factor, minLr)} unless that changes it by no more than {@code eps};
 * then {@code cooldown} epochs pass before bad epochs count again.
 *
 * <pre>{@code
 * var plateau = ReduceLROnPlateau.builder(optimizer).patience(5).factor(0.5).build();
 * plateau.step(validationLoss);
 * }</pre>
 */
public final class ReduceLROnPlateau {

    private final Optimizer optimizer;
    private double factor;
    private Object defaultMinLr;
    private List<Object> minLrs;
    private int patience;
    private int cooldown;
    private double eps;
    private int lastEpoch;
    private List<Double> lastLr;
    private String mode;
    private double threshold;
    private String thresholdMode;
    private double best;
    private int cooldownCounter;
    private int numBadEpochs;

    private ReduceLROnPlateau(Builder b) {
        if (b.factor >= 1.0) {
            throw new IllegalArgumentException("Factor should be < 1.0.");
        }
        int groups = b.optimizer.paramGroups().size();
        if (b.minLr instanceof List<?> list && list.size() != groups) {
            throw new IllegalArgumentException("expected " + groups + " min_lrs, got " + list.size());
        }
        checkModes(b.mode, b.thresholdMode);
        optimizer = b.optimizer;
        factor = b.factor;
        defaultMinLr = b.minLr instanceof List<?> ? null : b.minLr;
        minLrs = b.minLr instanceof List<?> list ? List.copyOf(list) : Collections.nCopies(groups, b.minLr);
        patience = b.patience;
        cooldown = b.cooldown;
        eps = b.eps;
        lastEpoch = 0;
        lastLr = currentLrs();
        mode = b.mode;
        threshold = b.threshold;
        thresholdMode = b.thresholdMode;
        reset();
    }

    public static Builder builder(Optimizer optimizer) {
        return new Builder(optimizer);
    }

    /** The settings, PyTorch's defaults: min, factor 0.1, patience 10, threshold 1e-4 rel, cooldown 0, min_lr 0, eps 1e-8. */
    public static final class Builder {

        private final Optimizer optimizer;
        private String mode = "min";
        private double factor = 0.1;
        private int patience = 10;
        private double threshold = 1e-4;
        private String thresholdMode = "rel";
        private int cooldown;
        private Object minLr = 0;
        private double eps = 1e-8;

        private Builder(Optimizer optimizer) {
            this.optimizer = optimizer;
        }

        /** {@code "min"}: the metric should fall (a loss); {@code "max"}: it should rise (an accuracy). */
        public Builder mode(String mode) {
            this.mode = mode;
            return this;
        }

        /** new lr = lr · factor. */
        public Builder factor(double factor) {
            this.factor = factor;
            return this;
        }

        /** How many epochs without improvement are tolerated before the cut. */
        public Builder patience(int patience) {
            this.patience = patience;
            return this;
        }

        public Builder threshold(double threshold) {
            this.threshold = threshold;
            return this;
        }

        /** {@code "rel"}: better than best·(1 ∓ threshold); {@code "abs"}: better than best ∓ threshold. */
        public Builder thresholdMode(String thresholdMode) {
            this.thresholdMode = thresholdMode;
            return this;
        }

        /** Epochs after a cut during which bad epochs are not counted. */
        public Builder cooldown(int cooldown) {
            this.cooldown = cooldown;
            return this;
        }

        public Builder minLr(double minLr) {
            this.minLr = minLr;
            return this;
        }

        /** One lower bound per parameter group. */
        public Builder minLr(List<Double> minLrs) {
            this.minLr = List.copyOf(minLrs);
            return this;
        }

        /** A cut smaller than eps is skipped. */
        public Builder eps(double eps) {
            this.eps = eps;
            return this;
        }

        public ReduceLROnPlateau build() {
            return new ReduceLROnPlateau(this);
        }
    }

    private static void checkModes(String mode, String thresholdMode) {
        if (!mode.equals("min") && !mode.equals("max")) {
            throw new IllegalArgumentException("mode " + mode + " is unknown!");
        }
        if (!thresholdMode.equals("rel") && !thresholdMode.equals("abs")) {
            throw new IllegalArgumentException("threshold mode " + thresholdMode + " is unknown!");
        }
    }

    private double modeWorse() {
        return mode.equals("min") ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    private void reset() {
        best = modeWorse();
        cooldownCounter = 0;
        numBadEpochs = 0;
    }

    /** One epoch's metric (a one-element tensor such as a loss is read with {@code item()}). */
    public void step(Tensor metric) {
        step(metric.item());
    }

    public void step(double metric) {
        lastEpoch++;
        if (isBetter(metric, best)) {
            best = metric;
            numBadEpochs = 0;
        } else {
            numBadEpochs++;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            numBadEpochs = 0;
        }
        if (numBadEpochs > patience) {
            reduceLr();
            cooldownCounter = cooldown;
            numBadEpochs = 0;
        }
        lastLr = currentLrs();
    }

    private void reduceLr() {
        List<ParamGroup> groups = optimizer.paramGroups();
        if (groups.size() != minLrs.size()) {
            if (defaultMinLr == null) {
                throw new IllegalStateException("The number of param groups in the `optimizer` (" + groups.size()
                        + ") differs from when `ReduceLROnPlateau` was initialized (" + minLrs.size() + "), usually "
                        + "due to a new param group being added to the optimizer. Please modify the `min_lrs` field "
                        + "to match the length of the `optimizer` param groups.");
            }
            minLrs = Collections.nCopies(groups.size(), defaultMinLr);
        }
        for (int i = 0; i < groups.size(); i++) {
            double oldLr = groups.get(i).lr();
            double minLr = ((Number) minLrs.get(i)).doubleValue();
            double newLr = Math.max(oldLr * factor, minLr);
            if (oldLr - newLr > eps) {
                groups.get(i).setLr(newLr);
            }
        }
    }

    private boolean isBetter(double a, double best) {
        boolean min = mode.equals("min");
        if (thresholdMode.equals("rel")) {
            return min ? a < best * (1.0 - threshold) : a > best * (threshold + 1.0);
        }
        return min ? a < best - threshold : a > best + threshold;
    }

    private List<Double> currentLrs() {
        return optimizer.paramGroups().stream().map(ParamGroup::lr).toList();
    }

    public List<Double> getLastLr() {
        return lastLr;
    }

    public int lastEpoch() {
        return lastEpoch;
    }

    /** The state as PyTorch's {@code state_dict()}, in its key order. */
    public Map<String, Object> stateDict() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("factor", factor);
        out.put("default_min_lr", defaultMinLr);
        out.put("min_lrs", minLrs);
        out.put("patience", patience);
        out.put("cooldown", cooldown);
        out.put("eps", eps);
        out.put("last_epoch", lastEpoch);
        out.put("_last_lr", lastLr);
        out.put("mode_worse", modeWorse());
        out.put("mode", mode);
        out.put("threshold", threshold);
        out.put("threshold_mode", thresholdMode);
        out.put("best", best);
        out.put("cooldown_counter", cooldownCounter);
        out.put("num_bad_epochs", numBadEpochs);
        return out;
    }

    /** Loads what {@link #stateDict()} saved; keys absent keep their values, unknown keys are ignored; all checked first. */
    public void loadStateDict(Map<String, ?> state) {
        StateValues v = new StateValues(state);
        double f = v.number("factor", factor);
        Object defaultMin = v.raw("default_min_lr", defaultMinLr);
        List<Object> mins = v.numbersAsSaved("min_lrs", minLrs);
        int p = v.integer("patience", patience);
        int c = v.integer("cooldown", cooldown);
        double e = v.number("eps", eps);
        int epoch = v.integer("last_epoch", lastEpoch);
        List<Double> last = v.numbers("_last_lr", lastLr);
        String m = v.string("mode", mode);
        double t = v.number("threshold", threshold);
        String tm = v.string("threshold_mode", thresholdMode);
        double b = v.number("best", best);
        int counter = v.integer("cooldown_counter", cooldownCounter);
        int bad = v.integer("num_bad_epochs", numBadEpochs);
        if (defaultMin != null && !(defaultMin instanceof Number)) {
            throw StateValues.wrong("default_min_lr", "a number or null", defaultMin);
        }
        checkModes(m, tm);
        factor = f;
        defaultMinLr = defaultMin;
        minLrs = mins;
        patience = p;
        cooldown = c;
        eps = e;
        lastEpoch = epoch;
        lastLr = last;
        mode = m;
        threshold = t;
        thresholdMode = tm;
        best = b;
        cooldownCounter = counter;
        numBadEpochs = bad;
    }
}
