package dev.rnn4j.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cosine annealing from each group's initial rate towards {@code etaMin} over {@code tMax}
 * epochs, as {@code torch.optim.lr_scheduler.CosineAnnealingLR}, in PyTorch's recursive form:
 * each step scales the current rate's distance to etaMin by
 * {@code (1 + cos(π·t/T)) / (1 + cos(π·(t−1)/T))}, so the rates differ in the last bits from
 * the closed form {@code etaMin + (base − etaMin)·(1 + cos(π·t/T))/2} and follow outside
 * changes of the rate. Past tMax the rate climbs back (the schedule is periodic, period 2·tMax).
 */
public final class CosineAnnealingLR extends LRScheduler {

    private int tMax;
    private double etaMin;

    public CosineAnnealingLR(Optimizer optimizer, int tMax) {
        this(optimizer, tMax, 0.0);
    }

    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        this(optimizer, tMax, etaMin, -1);
    }

    /** @param lastEpoch the epoch to resume after; its first step then uses the closed form */
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin, int lastEpoch) {
        super(optimizer, lastEpoch);
        if (tMax <= 0) {
            // PyTorch fails later, dividing by zero at the first step
            throw new IllegalArgumentException("T_max must be a positive integer, but got " + tMax);
        }
        this.tMax = tMax;
        this.etaMin = etaMin;
        start();
    }

    @Override
    List<Double> computeLr() {
        int t = lastEpoch();
        List<Double> lrs = currentLrs();
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < lrs.size(); i++) {
            double lr = lrs.get(i);
            double base = baseLrs().get(i);
            if (isInitialStep()) {
                out.add(lr);
            } else if (stepCount() == 1 && t > 0) {
                out.add(etaMin + (base - etaMin) * (1 + Math.cos(t * Math.PI / tMax)) / 2);
            } else if (Math.floorMod(t - 1 - tMax, 2 * tMax) == 0) {
                out.add(lr + (base - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2);
            } else {
                out.add((1 + Math.cos(Math.PI * t / tMax)) / (1 + Math.cos(Math.PI * (t - 1) / tMax))
                        * (lr - etaMin) + etaMin);
            }
        }
        return out;
    }

    @Override
    void saveSettings(Map<String, Object> out) {
        out.put("T_max", tMax);
        out.put("eta_min", etaMin);
    }

    @Override
    Runnable loadSettings(StateValues v) {
        int t = v.integer("T_max", tMax);
        double eta = v.number("eta_min", etaMin);
        return () -> {
            tMax = t;
            etaMin = eta;
        };
    }
}
