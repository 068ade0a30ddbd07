package dev.rnn4j.spark;

import dev.rnn4j.charlm.CharModel;
import dev.rnn4j.charlm.Checkpoint;
import dev.rnn4j.charlm.Trainer;
import dev.rnn4j.data.CharCorpus;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The README's Spark figures (not a test): {@code SparkBench MASTER score|train TEXT [N]} in its own JVM per run
 * (N: score's first N non-empty lines, train's shards).
 * score: rows/s of hidden states of every line of TEXT (LSTM 64/256, batches of 64) through Spark, and the same
 * batches through the model in this JVM without Spark. train: steps/s of one JVM's Trainer, synchronous Spark steps
 * and averaging every 10 steps, for rnn4j train's default model and batch (LSTM 64/256, 32 windows of 64).
 */
public final class SparkBench {
    public static void main(String[] args) throws Exception {
        String master = args[0];
        String text = Files.readString(Path.of(args[2]), StandardCharsets.UTF_8);
        int extra = args.length > 3 ? Integer.parseInt(args[3]) : 0;   // score: lines to use; train: shards
        SparkSession spark = SparkSession.builder().master(master).appName("bench")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        CharCorpus corpus = new CharCorpus(text, 0.1);
        CharModel.Config config = new CharModel.Config("lstm", corpus.vocabulary().size(), 64, 256, 1, 0);
        Trainer.Settings settings = new Trainer.Settings(64, 32, 2e-3, 5);
        if (args[1].equals("score")) {
            score(spark, text, corpus, config, settings, extra > 0 ? extra : Integer.MAX_VALUE);
        } else {
            train(spark, text, corpus, config, settings, extra > 0 ? extra : 2);
        }
        spark.stop();
    }

    static void score(SparkSession spark, String text, CharCorpus corpus, CharModel.Config config,
                      Trainer.Settings settings, int limit) throws Exception {
        Path dir = Files.createTempDirectory("bench");
        Checkpoint.save(dir, Trainer.start(corpus, config, settings, 0), Map.of());
        Path model = ScoreJob.modelFile(dir);
        List<String> lines = text.lines().filter(l -> !l.isEmpty()).limit(limit).toList();
        Dataset<Row> df = spark.createDataset(lines, Encoders.STRING()).toDF("value").repartition(4).cache();
        df.count();
        SequenceScorer scorer = SequenceScorer.builder(spark, model, ModelSpec.charModel()).inputCol("value").build();
        for (int run = 0; run < 3; run++) {
            long t0 = System.nanoTime();
            scorer.transform(df).write().format("noop").mode("overwrite").save();
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "spark %s run %d: %d rows in %.2f s = %.0f rows/s%n",
                    spark.sparkContext().master(), run, lines.size(), s, lines.size() / s);
        }
        LoadedModel m = LoadedModel.read(ModelSpec.charModel(), model.toString(), Files.readAllBytes(model));
        for (int run = 0; run < 2; run++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < lines.size(); i += 64) {
                List<Object> batch = new ArrayList<>();
                for (String l : lines.subList(i, Math.min(lines.size(), i + 64))) {
                    batch.add(Sequences.parse(l, m, 4096));
                }
                m.score(batch, ScoreOutput.HIDDEN);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "one JVM, no Spark, run %d: %.0f rows/s%n", run, lines.size() / s);
        }
    }

    static void train(SparkSession spark, String text, CharCorpus corpus, CharModel.Config config,
                      Trainer.Settings settings, int shards) {
        Trainer one = Trainer.start(corpus, config, settings, 0);
        report("one JVM Trainer", 1, time(one::trainStep, 5), time(one::trainStep, 30));
        try (SparkTrainer sync = SparkTrainer.start(spark, text, 0.1, config, settings, 0,
                new SparkTrainer.Options(shards, 0))) {
            report("spark sync, " + shards + " shards", 1, time(sync::step, 5), time(sync::step, 30));
        }
        try (SparkTrainer avg = SparkTrainer.start(spark, text, 0.1, config, settings, 0,
                new SparkTrainer.Options(shards, 10))) {
            report("spark averaging every 10, " + shards + " shards", 10, time(avg::step, 1), time(avg::step, 4));
        }
    }

    interface Step {
        double run();
    }

    /** Seconds per call over n calls. */
    static double time(Step step, int n) {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            step.run();
        }
        return (System.nanoTime() - t0) / 1e9 / n;
    }

    static void report(String what, int stepsPerCall, double warmup, double measured) {
        System.out.printf(Locale.ROOT, "%s: %.2f steps/s (warm-up %.2f steps/s)%n", what, stepsPerCall / measured,
                stepsPerCall / warmup);
    }
}
