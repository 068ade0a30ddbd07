package dev.rnn4j.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The base of the epoch-driven learning-rate schedulers, as {@code torch.optim.lr_scheduler.LRScheduler}:
 * construction records each group's {@code "initial_lr"} and takes the initial step (epoch 0);
 * each {@link #step()} after an optimizer step advances one epoch and writes the new rates
 * into the optimizer's groups.
 *
 * <pre>{@code
 * var scheduler = new StepLR(optimizer, 30, 0.1);
 * for (int epoch = 0; epoch < 100; epoch++) {
 *     train(optimizer);            // optimizer.step() inside
 *     scheduler.step();
 * }
 * }</pre>
 */
public abstract class LRScheduler {

    private final Optimizer optimizer;
    private List<Double> baseLrs;
    private int lastEpoch;
    private int stepCount;
    private boolean initial;
    private List<Double> lastLr;

    LRScheduler(Optimizer optimizer, int lastEpoch) {
        this.optimizer = optimizer;
        this.lastEpoch = lastEpoch;
    }

    /**
     * Records {@code initial_lr} and takes the initial step; each subclass calls it last in its
     * constructor, once its own settings are checked and set (PyTorch sets them before
     * {@code LRScheduler.__init__}).
     */
    final void start() {
        List<ParamGroup> groups = optimizer.paramGroups();
        if (lastEpoch != -1) {
            for (int i = 0; i < groups.size(); i++) {
                if (!groups.get(i).has("initial_lr")) {
                    throw new IllegalArgumentException("param 'initial_lr' is not specified in param_groups[" + i
                            + "] when resuming scheduler with last_epoch >= 0.\nThis typically happens when:\n"
                            + "1. You're trying to resume training from a checkpoint but haven't properly loaded "
                            + "the optimizer state\n2. You're using last_epoch >= 0 for a fresh training run (not "
                            + "recommended)");
                }
            }
        }
        List<Double> bases = new ArrayList<>();
        for (ParamGroup g : groups) {
            if (!g.has("initial_lr")) {
                g.set("initial_lr", g.lr());
            }
            bases.add(g.getDouble("initial_lr"));
        }
        baseLrs = List.copyOf(bases);
        stepCount = 0;
        initial = true;
        step();
        initial = false;
    }

    /** Advances one epoch: the new learning rates go into the optimizer's groups. */
    public final void step() {
        checkStep(lastEpoch + 1);
        stepCount++;
        lastEpoch++;
        List<Double> lrs = computeLr();
        List<ParamGroup> groups = optimizer.paramGroups();
        for (int i = 0; i < groups.size(); i++) {
            groups.get(i).setLr(lrs.get(i));
        }
        lastLr = currentLrs();
    }

    /** Fails before anything changes when stepping to {@code epoch} is not allowed. */
    void checkStep(int epoch) {
    }

    /** The learning rates for {@link #lastEpoch()}, one per group ({@code get_lr}). */
    abstract List<Double> computeLr();

    /** The rates the last step set, as {@code get_last_lr()}. */
    public final List<Double> getLastLr() {
        return lastLr;
    }

    public final int lastEpoch() {
        return lastEpoch;
    }

    public final Optimizer optimizer() {
        return optimizer;
    }

    final List<Double> baseLrs() {
        return baseLrs;
    }

    final boolean isInitialStep() {
        return initial;
    }

    final int stepCount() {
        return stepCount;
    }

    final List<Double> currentLrs() {
        return optimizer.paramGroups().stream().map(ParamGroup::lr).toList();
    }

    /**
     * The state as PyTorch's {@code state_dict()}: the scheduler's own settings, then
     * {@code base_lrs, last_epoch, _step_count, _is_initial, _get_lr_called_within_step, _last_lr}.
     */
    public final Map<String, Object> stateDict() {
        Map<String, Object> out = new LinkedHashMap<>();
        saveSettings(out);
        out.put("base_lrs", baseLrs);
        out.put("last_epoch", lastEpoch);
        out.put("_step_count", stepCount);
        out.put("_is_initial", false);
        out.put("_get_lr_called_within_step", false);
        out.put("_last_lr", lastLr);
        return out;
    }

    /**
     * Loads what {@link #stateDict()} saved, as PyTorch's {@code __dict__.update}: the keys present
     * replace the current values, others (an older PyTorch's {@code verbose}) are ignored. Every
     * value is checked before any is set.
     */
    public final void loadStateDict(Map<String, ?> state) {
        StateValues v = new StateValues(state);
        List<Double> bases = v.numbers("base_lrs", baseLrs);
        int epoch = v.integer("last_epoch", lastEpoch);
        int count = v.integer("_step_count", stepCount);
        List<Double> last = v.numbers("_last_lr", lastLr);
        Runnable settings = loadSettings(v);
        baseLrs = bases;
        lastEpoch = epoch;
        stepCount = count;
        lastLr = last;
        settings.run();
    }

    /** Puts the scheduler's own settings first, under PyTorch's names. */
    abstract void saveSettings(Map<String, Object> out);

    /** Checks the scheduler's own settings in {@code v}; the returned action sets them. */
    abstract Runnable loadSettings(StateValues v);
}
