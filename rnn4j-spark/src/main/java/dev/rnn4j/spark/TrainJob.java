package dev.rnn4j.spark;

import dev.rnn4j.charlm.CharModel;
import dev.rnn4j.charlm.Checkpoint;
import dev.rnn4j.charlm.Trainer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * {@code spark-submit --class dev.rnn4j.spark.TrainJob}: {@code rnn4j train} with Spark (see {@link SparkTrainer}).
 * Checkpoints go to {@code --out} on the driver's file system, as {@code rnn4j train} writes them, every
 * {@code --eval-every} steps and at the end; {@code --resume DIR} continues such a run (with {@code --steps}, to a
 * new target).
 *
 * <pre>
 * --data PATH        the text (any path Spark reads; read whole on the driver)
 * --out DIR          the run directory (default runs/spark)
 * --shards N         tasks per step (default 2); --average-every K: parameter averaging every K steps (default 0:
 *                    synchronous)
 * --steps N, --eval-every N, --seed N, --model rnn|lstm|gru, --embed N, --hidden N, --layers N, --dropout X,
 * --seq-len N, --batch N, --lr X, --clip X: as rnn4j train (same defaults)
 * </pre>
 */
public final class TrainJob {
    static final double HELD_OUT = 0.1;
    private static final List<String> OPTIONS = List.of("--data", "--out", "--resume", "--shards", "--average-every",
            "--steps", "--eval-every", "--seed", "--model", "--embed", "--hidden", "--layers", "--dropout",
            "--seq-len", "--batch", "--lr", "--clip");

    private TrainJob() {
    }

    public static void main(String[] args) throws IOException {
        SparkSession spark = SparkSession.builder().appName("rnn4j train").getOrCreate();
        try {
            run(args, spark, System.out);
        } finally {
            spark.stop();
        }
    }

    static void run(String[] args, SparkSession spark, PrintStream out) throws IOException {
        JobArgs a = new JobArgs(args, OPTIONS, List.of());
        Map<String, Object> run;
        SparkTrainer.Options options;
        Path dir;
        SparkTrainer trainer;
        if (a.has("--resume")) {
            dir = Path.of(a.required("--resume"));
            run = new LinkedHashMap<>(Checkpoint.load(dir).run());
            if (a.has("--steps")) {
                run.put("target_steps", a.number("--steps", 0));
            }
            options = options(a, run);
            trainer = SparkTrainer.resume(spark, dir, read(spark, (String) run.get("data")), HELD_OUT, options);
        } else {
            dir = Path.of(a.text("--out", "runs/spark"));
            if (Checkpoint.exists(dir)) {
                throw new IllegalArgumentException(dir + " already holds a training run: continue it with --resume");
            }
            String data = a.required("--data");
            String text = read(spark, data);
            Trainer.Settings settings = new Trainer.Settings(a.integer("--seq-len", 64), a.integer("--batch", 32),
                    a.real("--lr", 2e-3), a.real("--clip", 5));
            CharModel.Config config = new CharModel.Config(a.text("--model", "lstm"),
                    dev.rnn4j.data.CharVocabulary.of(text).size(), a.integer("--embed", 64),
                    a.integer("--hidden", 256), a.integer("--layers", 1), a.real("--dropout", 0));
            long seed = a.number("--seed", 0);
            options = options(a, Map.of());
            trainer = SparkTrainer.start(spark, text, HELD_OUT, config, settings, seed, options);
            run = new LinkedHashMap<>();
            run.put("data", data);
            run.put("target_steps", a.number("--steps", 3000));
            run.put("eval_every", a.number("--eval-every", 250));
            run.put("seed", seed);
            run.put("sample_length", 0L);
        }
        run.put("spark_shards", (long) options.shards());
        run.put("spark_average_every", (long) options.averageEvery());
        try (trainer) {
            train(trainer, dir, run, out);
        }
    }

    /** --shards and --average-every, or else the run's own (a new run's: 2 and 0). */
    private static SparkTrainer.Options options(JobArgs a, Map<String, Object> run) {
        Object shards = run.get("spark_shards");
        Object every = run.get("spark_average_every");
        return new SparkTrainer.Options(a.integer("--shards", shards == null ? 2 : ((Number) shards).intValue()),
                a.integer("--average-every", every == null ? 0 : ((Number) every).intValue()));
    }

    /** Steps to the run's target, checkpointing whenever a multiple of eval_every is reached and at the end. */
    static void train(SparkTrainer spark, Path dir, Map<String, Object> run, PrintStream out) throws IOException {
        Trainer t = spark.trainer();
        long target = ((Number) run.get("target_steps")).longValue();
        long evalEvery = ((Number) run.get("eval_every")).longValue();
        long t0 = System.nanoTime();
        long first = t.step();
        while (t.step() < target) {
            long before = t.step();
            double loss = spark.step();
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException("the loss became " + loss + " at step " + t.step()
                        + "; the last good checkpoint is in " + dir);
            }
            if (t.step() / evalEvery != before / evalEvery || t.step() >= target) {
                double seconds = (System.nanoTime() - t0) / 1e9;
                Checkpoint.save(dir, t, run);
                out.printf(Locale.ROOT, "step %d: train loss %.4f, validation loss %.4f nats/char, %.2f steps/s; "
                        + "checkpoint written%n", t.step(), loss, t.validationLoss(), (t.step() - first) / seconds);
            }
        }
    }

    /** The whole text at {@code path}, read through Spark (so any file system it knows), on the driver. */
    static String read(SparkSession spark, String path) {
        List<String> files = spark.read().option("wholetext", true).text(path).as(
                org.apache.spark.sql.Encoders.STRING()).collectAsList();
        if (files.isEmpty() || files.get(0).isEmpty()) {
            throw new IllegalArgumentException("no text in " + path);
        }
        return String.join("", files);
    }
}
