package dev.rnn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.Tensor;
import dev.rnn4j.charlm.CharModel;
import dev.rnn4j.charlm.Checkpoint;
import dev.rnn4j.charlm.Trainer;
import dev.rnn4j.data.CharCorpus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Synchronous training on 2 and 4 partitions follows one machine's loss curve and weights for the same global
 * batch; a checkpointed run resumes exactly; parameter averaging learns.
 */
class TrainingTest {
    /** A small text with structure to learn, made here (no corpus is committed). */
    static final String TEXT = text();
    static final double HELD_OUT = 0.1;
    static final Trainer.Settings SETTINGS = new Trainer.Settings(16, 8, 1e-2, 1.0);
    static final long SEED = 4;
    static SparkSession spark;
    static CharModel.Config config;

    @TempDir
    Path dir;

    static String text() {
        StringBuilder b = new StringBuilder();
        String[] words = {"spark", "shards", "the", "batch", "steps", "sum", "of", "gradients", "and", "weights"};
        java.util.Random r = new java.util.Random(7);
        while (b.length() < 6000) {
            b.append(words[r.nextInt(words.length)]).append(r.nextInt(8) == 0 ? ".\n" : " ");
        }
        return b.toString();
    }

    @BeforeAll
    static void setUp() {
        spark = LocalSpark.get();
        config = new CharModel.Config("lstm", new CharCorpus(TEXT, HELD_OUT).vocabulary().size(), 8, 24, 1, 0);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4})
    void synchronousStepsEqualOneMachinesWithTheSameGlobalBatch(int shards) {
        Trainer one = Trainer.start(new CharCorpus(TEXT, HELD_OUT), config, SETTINGS, SEED);
        double[] expected = new double[20];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = one.trainStep();
        }
        try (SparkTrainer spread = SparkTrainer.start(spark, TEXT, HELD_OUT, config, SETTINGS, SEED,
                new SparkTrainer.Options(shards, 0))) {
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], spread.step(), 1e-5 * expected[i], "loss of step " + (i + 1));
            }
            assertEquals(20, spread.trainer().step());
            assertWeightsClose(one.model(), spread.trainer().model(), 2e-5);
        }
    }

    @Test
    void aCheckpointedRunResumesExactlyAndOneJvmCanContinueIt() throws IOException {
        double[] straight = new double[6];
        try (SparkTrainer t = SparkTrainer.start(spark, TEXT, HELD_OUT, config, SETTINGS, SEED,
                new SparkTrainer.Options(2, 0))) {
            for (int i = 0; i < 6; i++) {
                straight[i] = t.step();
            }
        }
        try (SparkTrainer t = SparkTrainer.start(spark, TEXT, HELD_OUT, config, SETTINGS, SEED,
                new SparkTrainer.Options(2, 0))) {
            for (int i = 0; i < 3; i++) {
                t.step();
            }
            Checkpoint.save(dir, t.trainer(), Map.of("mode", "sync"));
        }
        Trainer.start(new CharCorpus(TEXT, HELD_OUT), config, SETTINGS, 99).trainStep();   // disturb the generator
        try (SparkTrainer resumed = SparkTrainer.resume(spark, dir, TEXT, HELD_OUT, new SparkTrainer.Options(2, 0))) {
            assertEquals(3, resumed.trainer().step());
            double[] rest = {resumed.step(), resumed.step(), resumed.step()};
            assertArrayEquals(java.util.Arrays.copyOfRange(straight, 3, 6), rest);
        }
        Trainer oneJvm = Checkpoint.resume(Checkpoint.load(dir), new CharCorpus(TEXT, HELD_OUT));
        for (int i = 3; i < 6; i++) {
            assertEquals(straight[i], oneJvm.trainStep(), 1e-5 * straight[i], "step " + (i + 1) + " in one JVM");
        }
    }

    @Test
    void parameterAveragingLearns() {
        try (SparkTrainer t = SparkTrainer.start(spark, TEXT, HELD_OUT, config, SETTINGS, SEED,
                new SparkTrainer.Options(2, 5))) {
            double untrained = t.trainer().validationLoss();
            for (int round = 0; round < 12; round++) {
                t.step();
            }
            assertEquals(60, t.trainer().step());
            double trained = t.trainer().validationLoss();
            assertTrue(trained < 0.6 * untrained, "validation loss " + untrained + " → " + trained);
        }
    }

    @Test
    void aBatchThatCannotBeSplitIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> SparkTrainer.start(spark, TEXT, HELD_OUT, config,
                SETTINGS, SEED, new SparkTrainer.Options(3, 2)));
        assertTrue(e.getMessage().contains("cannot be split into 3 shards"), e.getMessage());
    }

    static void assertWeightsClose(CharModel a, CharModel b, double tolerance) {
        Map<String, Tensor> y = b.stateDict();
        a.stateDict().forEach((name, t) -> {
            float[] u = t.toFloatArray();
            float[] v = y.get(name).toFloatArray();
            double worst = 0;
            for (int i = 0; i < u.length; i++) {
                worst = Math.max(worst, Math.abs(u[i] - v[i]));
            }
            assertTrue(worst <= tolerance, name + ": largest difference " + worst);
        });
    }
}
