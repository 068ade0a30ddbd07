package dev.rnn4j.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** {@code rnn4j seed --seed N} prints, byte for byte, what notebook_with_seed.py printed under PyTorch. */
class SeedNotebookTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void matchesPyTorch(int seed) throws IOException {
        String expected;
        try (InputStream in = getClass().getResourceAsStream("/seed_notebook/seed_" + seed + ".txt")) {
            assertNotNull(in, "golden output for seed " + seed);
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[]{"seed", "--seed", Integer.toString(seed)},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        assertEquals(expected, out.toString(StandardCharsets.UTF_8));
    }
}
