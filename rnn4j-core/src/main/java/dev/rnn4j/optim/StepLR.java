package dev.rnn4j.optim;

import java.util.List;
import java.util.Map;

/**
 * Multiplies each group's learning rate by {@code gamma} every {@code stepSize} epochs, as
 * {@code torch.optim.lr_scheduler.StepLR} (from the current rate, so other changes compose).
 */
public final class StepLR extends LRScheduler {

    private int stepSize;
    private double gamma;

    public StepLR(Optimizer optimizer, int stepSize) {
        this(optimizer, stepSize, 0.1);
    }

    public StepLR(Optimizer optimizer, int stepSize, double gamma) {
        this(optimizer, stepSize, gamma, -1);
    }

    /** @param lastEpoch the epoch to resume after; -1 starts afresh (then each group's lr is its initial_lr) */
    public StepLR(Optimizer optimizer, int stepSize, double gamma, int lastEpoch) {
        super(optimizer, lastEpoch);
        if (stepSize <= 0) {
            // PyTorch fails later, with a ZeroDivisionError at the first step
            throw new IllegalArgumentException("step_size must be a positive integer, but got " + stepSize);
        }
        this.stepSize = stepSize;
        this.gamma = gamma;
        start();
    }

    @Override
    List<Double> computeLr() {
        List<Double> lrs = currentLrs();
        if (lastEpoch() == 0 || Math.floorMod(lastEpoch(), stepSize) != 0) {
            return lrs;
        }
        return lrs.stream().map(lr -> lr * gamma).toList();
    }

    @Override
    void saveSettings(Map<String, Object> out) {
        out.put("step_size", stepSize);
        out.put("gamma", gamma);
    }

    @Override
    Runnable loadSettings(StateValues v) {
        int size = v.integer("step_size", stepSize);
        double g = v.number("gamma", gamma);
        return () -> {
            stepSize = size;
            gamma = g;
        };
    }
}
