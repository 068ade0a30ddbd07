package dev.rnn4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The commands run with their options in either form; golden outputs are in SeedNotebookTest. */
class CommandsTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3", "9223372036854775807", "-9223372036854775808"})
    void seedTakesTheValueAfterAnEqualsSignOrAsTheNextWord(String seed) {
        Run joined = Run.of("seed", "--seed=" + seed);
        joined.assertDone();
        assertEquals(Run.of("seed", "--seed", seed).out(), joined.out());
    }

    @Test
    void differentSeedsPrintDifferentNotebooks() {
        // guards the test above: were the seed ignored, every form would print the same
        assertNotEquals(Run.of("seed", "--seed", "0").out(), Run.of("seed", "--seed", "-3").out());
    }

    @Test
    void seedIsDecimalAsBeforeNotOctal() {
        // picocli's own Long converter would read 010 as 8; Long.parseLong, which the CLI used before, reads 10
        assertEquals(Run.of("seed", "--seed", "10").out(), Run.of("seed", "--seed", "010").out());
        assertNotEquals(Run.of("seed", "--seed", "8").out(), Run.of("seed", "--seed", "010").out());
    }

    @Test
    void seedWithoutSeedRunsUnseeded() {
        Run run = Run.of("seed");
        run.assertDone();
        assertTrue(run.out().contains("Hidden: tensor("), run.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--epochs=2", "--epochs 2"})
    void classifyTrainsForTheEpochsAsked(String option) {
        Run run = Run.of(("classify " + option).split(" "));
        run.assertDone();
        assertEquals(2, run.out().lines().filter(line -> line.startsWith("epoch ")).count(), run.out());
        assertTrue(run.out().contains("epoch  2  loss "), run.out());
    }
}
