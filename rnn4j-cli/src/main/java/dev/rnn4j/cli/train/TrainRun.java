package dev.rnn4j.cli.train;

import dev.rnn4j.charlm.Checkpoint;
import dev.rnn4j.charlm.Trainer;
import dev.rnn4j.internal.kernel.Kernels;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The loop of {@code rnn4j train}: steps until the target, measuring the held-out loss and checkpointing every
 * {@code evalEvery} steps and at the end; metrics to {@code DIR/metrics.csv} and {@code DIR/loss.png}. It stops
 * early, after finishing the step under way, when {@link #stop} is set (Ctrl-C), checkpointing first; a loss that
 * is not finite stops it without a checkpoint, so the last good one stays current.
 */
public final class TrainRun {

    /** How the run ended. */
    public enum End { DONE, INTERRUPTED }

    /** The loss stopped being a finite number. */
    public static final class DivergedException extends RuntimeException {
        DivergedException(String message) {
            super(message);
        }
    }

    private final Trainer trainer;
    private final Path dir;
    private final long targetSteps;
    private final int evalEvery;
    private final Map<String, Object> run;
    private final Progress progress;
    private final AtomicBoolean stop;
    private double elapsedBefore;
    private double lastValLoss = Double.NaN;
    private long checkpointed;

    /**
     * @param run the settings to keep in every checkpoint beside the trainer's (data, target, evalEvery, …);
     *            "elapsed_s" is kept up to date here
     */
    public TrainRun(Trainer trainer, Path dir, long targetSteps, int evalEvery, Map<String, Object> run,
                    Progress progress, AtomicBoolean stop) {
        this.trainer = trainer;
        this.dir = dir;
        this.targetSteps = targetSteps;
        this.evalEvery = evalEvery;
        this.run = new LinkedHashMap<>(run);
        this.progress = progress;
        this.stop = stop;
        Object elapsed = run.get("elapsed_s");
        this.elapsedBefore = elapsed instanceof Number n ? n.doubleValue() : 0;
        this.checkpointed = trainer.step();
    }

    /** The validation loss last measured (NaN before the first evaluation). */
    public double lastValidationLoss() {
        return lastValLoss;
    }

    /** Runs to the target; metrics continue {@code DIR/metrics.csv} from the trainer's step. */
    public End run() throws IOException {
        Path csv = dir.resolve("metrics.csv");
        try (MetricsLog log = trainer.step() == 0 ? MetricsLog.create(csv) : MetricsLog.resume(csv, trainer.step())) {
            long t0 = System.nanoTime();
            awaitVectorKernels();
            long startStep = trainer.step();
            while (trainer.step() < targetSteps) {
                double loss = trainer.trainStep();
                long step = trainer.step();
                if (!Double.isFinite(loss)) {
                    progress.finish();
                    throw new DivergedException(String.format(Locale.ROOT, "the loss became %s at step %d; the "
                            + "last good checkpoint (step %s) is in %s", loss, step, lastCheckpoint(), dir));
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                double charsPerSecond = (step - startStep) * trainer.settings().charsPerStep() / seconds;
                double eta = (targetSteps - step) * seconds / (step - startStep);
                boolean evaluate = step % evalEvery == 0 || step == targetSteps;
                double val = evaluate ? trainer.validationLoss() : Double.NaN;
                log.add(new MetricsLog.Row(step, loss, val, trainer.settings().lr(), charsPerSecond,
                        elapsedBefore + seconds));
                progress.step(step, loss, charsPerSecond, eta);
                if (evaluate) {
                    lastValLoss = val;
                    save(elapsedBefore + (System.nanoTime() - t0) / 1e9);
                    LossPlot.write(log.rows(), dir.resolve("loss.png"));
                    progress.line(String.format(Locale.ROOT, "step %d: train loss %.4f, validation loss %.4f "
                            + "nats/char; checkpoint written", step, loss, val));
                }
                if (stop.get() && step < targetSteps) {
                    if (!evaluate) {
                        save(elapsedBefore + (System.nanoTime() - t0) / 1e9);
                    }
                    progress.line("interrupted at step " + step + "; checkpoint written: continue with --resume " + dir);
                    return End.INTERRUPTED;
                }
            }
            progress.finish();
            return End.DONE;
        }
    }

    /**
     * Waits (on the run's clock) for the vector kernels: a training step on their plain twins takes 0.5-1 s on 2
     * cores, and while the main thread runs one it takes the core the warm-up's compiles need.
     */
    private static void awaitVectorKernels() {
        try {
            Kernels.awaitWarmUp();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A checkpoint of the trainer now, {@code elapsed} seconds into the whole run. */
    private void save(double elapsed) throws IOException {
        run.put("elapsed_s", elapsed);
        Checkpoint.save(dir, trainer, run);
        checkpointed = trainer.step();
    }

    private String lastCheckpoint() {
        return checkpointed == 0 ? "none yet" : Long.toString(checkpointed);
    }
}
