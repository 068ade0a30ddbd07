package dev.rnn4j.cli;

import dev.rnn4j.examples.SequenceClassifier;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packed-sequence example learns: after 15 epochs it beats chance (1/3) by far on unseen words. */
class SequenceClassifierTest {

    @Test
    void learnsToTellTheLanguagesApart() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        double accuracy = SequenceClassifier.run(new PrintStream(out, true, StandardCharsets.UTF_8), 15);
        assertTrue(accuracy > 0.7, "test accuracy " + accuracy + "\n" + out.toString(StandardCharsets.UTF_8));
    }
}
