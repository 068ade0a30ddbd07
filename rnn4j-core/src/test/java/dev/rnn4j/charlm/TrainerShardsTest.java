package dev.rnn4j.charlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.Tensor;
import dev.rnn4j.data.CharCorpus;
import dev.rnn4j.random.Generator;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A step split into shards (backward with scale n/N per shard, then applyGradients) is the step of the whole batch. */
class TrainerShardsTest {
    static final String TEXT = "the quick brown fox jumps over the lazy dog\n".repeat(20);

    static Trainer trainer() {
        CharCorpus corpus = new CharCorpus(TEXT, 0.1);
        return Trainer.start(corpus, new CharModel.Config("lstm", corpus.vocabulary().size(), 6, 10, 2, 0),
                new Trainer.Settings(7, 8, 1e-2, 0.5), 3);
    }

    @Test
    void shardedStepsFollowTheWholeBatchSteps() {
        Trainer whole = trainer();
        double[] wholeLoss = new double[5];
        for (int i = 0; i < 5; i++) {
            wholeLoss[i] = whole.trainStep();
        }
        Trainer sharded = trainer();
        for (int i = 0; i < 5; i++) {
            long[] starts = sharded.drawStarts(Generator.defaultGenerator());
            sharded.model().zeroGrad();
            double loss = sharded.backward(Arrays.copyOfRange(starts, 0, 3), 3 / 8.0) * 3 / 8
                    + sharded.backward(Arrays.copyOfRange(starts, 3, 8), 5 / 8.0) * 5 / 8;
            sharded.applyGradients();
            assertEquals(wholeLoss[i], loss, 1e-5, "loss of step " + (i + 1));
        }
        assertEquals(5, sharded.step());
        Map<String, Tensor> a = whole.model().stateDict();
        Map<String, Tensor> b = sharded.model().stateDict();
        a.forEach((name, t) -> {
            float[] x = t.toFloatArray();
            float[] y = b.get(name).toFloatArray();
            for (int i = 0; i < x.length; i++) {
                assertEquals(x[i], y[i], 1e-5, name + "[" + i + "]");
            }
        });
    }

    @Test
    void aReplicaTouchesNoGeneratorAndTakesTheOptimizerStateGiven() {
        Trainer driver = trainer();
        driver.trainStep();
        Generator.State before = Generator.defaultGenerator().getState();
        Trainer replica = Trainer.of(driver.model(), driver.corpus(), driver.settings());
        assertEquals(before, Generator.defaultGenerator().getState());
        assertEquals(0, replica.step());
        assertTrue(((Map<?, ?>) replica.optimizerState().get("state")).isEmpty());
        replica.restore(1, driver.optimizerState());
        assertEquals(1, replica.step());
        assertFalse(((Map<?, ?>) replica.optimizerState().get("state")).isEmpty());
    }
}
