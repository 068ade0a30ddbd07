package dev.rnn4j.spark;

import dev.rnn4j.charlm.CharModel;
import dev.rnn4j.charlm.Checkpoint;
import dev.rnn4j.charlm.Trainer;
import dev.rnn4j.data.CharCorpus;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.random.Generator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * Trains a character model ({@code charlm}) with Spark, the driver owning the model, Adam and the generator as
 * {@link Trainer} does in one JVM.
 *
 * <p><b>Synchronous</b> ({@code averageEvery == 0}): each step draws the batch's window starts on the driver exactly
 * as {@link Trainer#trainStep} does, splits them into {@code shards} tasks, each of which computes its shard's
 * gradient on a replica at the current weights (broadcast once per step); a {@code treeAggregate} sums them and the
 * driver clips and steps. The result is one machine's run with the same batch, within float32 rounding, when
 * dropout is 0 (with dropout the replicas' masks come from their own JVM's generator: the same training in
 * distribution only; in local mode they also move the driver's generator, so a run is not repeatable).
 *
 * <p><b>Parameter averaging</b> ({@code averageEvery = K > 0}, as DL4J's ParameterAveragingTrainingMaster): each
 * round, {@code shards} replicas start from the driver's weights and Adam state, take K steps of batch/shards
 * windows each on batches from their own generator (seeded from the driver's), and the driver averages their
 * weights and Adam moments. The same windows per step as synchronous training, one exchange per K steps instead of
 * one per step; not the same numbers as one machine.
 *
 * <p>Either way {@link Trainer#step()} counts steps, and the driver's trainer is what {@link Checkpoint} saves and
 * resumes, as {@code rnn4j train} does.
 */
public final class SparkTrainer implements AutoCloseable {

    /** How many tasks share each step, and how many local steps between averages (0: synchronous). */
    public record Options(int shards, int averageEvery) {
        public Options {
            if (shards <= 0 || averageEvery < 0) {
                throw new IllegalArgumentException("shards must be positive and average-every 0 (synchronous) or "
                        + "positive, got " + shards + " and " + averageEvery);
            }
        }
    }

    private final JavaSparkContext sc;
    private final Trainer trainer;
    private final Options options;
    private final TrainingData shipped;
    private final Broadcast<TrainingData> data;

    private SparkTrainer(SparkSession spark, Trainer trainer, String text, double heldOut, Options options) {
        int batch = trainer.settings().batch();
        if (batch < options.shards() || options.averageEvery() > 0 && batch % options.shards() != 0) {
            throw new IllegalArgumentException("the batch of " + batch + " windows cannot be split into "
                    + options.shards() + " shards" + (options.averageEvery() > 0 ? " of equal size" : ""));
        }
        this.sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        this.trainer = trainer;
        this.options = options;
        this.shipped = new TrainingData(text, trainer.corpus().vocabulary(), heldOut, trainer.model().config(),
                trainer.settings());
        this.data = sc.broadcast(shipped);
    }

    /** A new run from {@code seed}, as {@link Trainer#start}; {@code heldOut} of the text's end validates. */
    public static SparkTrainer start(SparkSession spark, String text, double heldOut, CharModel.Config config,
                                     Trainer.Settings settings, long seed, Options options) {
        return new SparkTrainer(spark, Trainer.start(new CharCorpus(text, heldOut), config, settings, seed), text,
                heldOut, options);
    }

    /** The run checkpointed in {@code dir} continued exactly (its weights, Adam's state, generator and step). */
    public static SparkTrainer resume(SparkSession spark, Path dir, String text, double heldOut, Options options)
            throws IOException {
        Checkpoint.Loaded loaded = Checkpoint.load(dir);
        Trainer t = Checkpoint.resume(loaded, new CharCorpus(text, loaded.vocabulary(), heldOut));
        return new SparkTrainer(spark, t, text, heldOut, options);
    }

    /** The driver's trainer: its model, step count and validation loss; what {@link Checkpoint#save} takes. */
    public Trainer trainer() {
        return trainer;
    }

    public Options options() {
        return options;
    }

    /**
     * One synchronous step, or one averaging round of {@code averageEvery} steps; {@link Trainer#step()} advances by
     * as many.
     *
     * @return the mean training loss (nats per character) of the step, or of the round's steps over the replicas
     */
    public double step() {
        return options.averageEvery() == 0 ? synchronousStep() : averagingRound();
    }

    private double synchronousStep() {
        List<Parameter> params = trainer.model().parameters();
        long[] starts = trainer.drawStarts(Generator.defaultGenerator());
        List<ShardGradient.Shard> shards = new ArrayList<>();
        for (int s = 0; s < options.shards(); s++) {
            int from = (int) ((long) s * starts.length / options.shards());
            int to = (int) ((long) (s + 1) * starts.length / options.shards());
            shards.add(new ShardGradient.Shard(Arrays.copyOfRange(starts, from, to),
                    (double) (to - from) / starts.length));
        }
        Broadcast<float[]> weights = sc.broadcast(Weights.values(params));
        Broadcast<TrainingData> d = data;
        ShardGradient.Sum sum;
        try {
            sum = sc.parallelize(shards, shards.size()).treeAggregate(ShardGradient.Sum.ZERO,
                    (acc, shard) -> acc.plus(ShardGradient.compute(d.value(), weights.value(), shard)),
                    ShardGradient.Sum::plus, 2);
        } finally {
            weights.destroy();
        }
        Weights.setGrads(params, sum.floatGrad());
        trainer.applyGradients();
        return sum.loss();
    }

    private double averagingRound() {
        List<Parameter> params = trainer.model().parameters();
        int k = options.averageEvery();
        int replicas = options.shards();
        int batch = trainer.settings().batch() / replicas;
        LocalRound.Start start = new LocalRound.Start(Weights.values(params),
                AdamMoments.of(trainer.optimizerState(), params), k, Generator.defaultGenerator().random64());
        Broadcast<LocalRound.Start> from = sc.broadcast(start);
        Broadcast<TrainingData> d = data;
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            indices.add(i);
        }
        LocalRound.Sum sum;
        try {
            sum = sc.parallelize(indices, replicas).treeAggregate(LocalRound.Sum.ZERO,
                    (acc, i) -> acc.plus(LocalRound.run(d.value(), from.value(), i, batch)),
                    LocalRound.Sum::plus, 2);
        } finally {
            from.destroy();
        }
        float share = 1f / sum.replicas();
        Weights.load(params, Weights.scale(sum.weights(), share));
        trainer.restore(trainer.step() + k, sum.moments().scaled(share).into(trainer.optimizerState(), params));
        return sum.loss() / sum.replicas();
    }

    /** Drops the run's broadcast and this JVM's replicas. */
    @Override
    public void close() {
        shipped.forget();
        data.destroy();
    }
}
