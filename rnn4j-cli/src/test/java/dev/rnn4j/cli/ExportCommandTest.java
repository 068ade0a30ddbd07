package dev.rnn4j.cli;

import dev.rnn4j.charlm.Checkpoint;
import dev.rnn4j.onnx.Onnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** rnn4j export: a training run's current checkpoint as the ONNX model Onnx.toBytes makes of it. */
class ExportCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesTheCheckpointsModel() throws IOException {
        Path data = tmp.resolve("text.txt");
        Files.writeString(data, TrainCommandTest.TEXT, StandardCharsets.UTF_8);
        Path run = tmp.resolve("run");
        assertEquals(0, Run.of(TrainCommandTest.small(data, run, "--steps", "3", "--eval-every", "3")).status());
        Path onnx = tmp.resolve("model.onnx");
        Run r = Run.of("export", "--checkpoint", run.toString(), "--onnx", onnx.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("step 3 of " + run + " written to " + onnx + System.lineSeparator(), r.out());
        Checkpoint.Loaded loaded = Checkpoint.load(run);
        assertArrayEquals(Onnx.toBytes(loaded.model(), loaded.vocabulary()), Files.readAllBytes(onnx));
    }

    @Test
    void theFileToWriteIsRequired() throws IOException {
        Run.of("export", "--checkpoint", tmp.toString()).assertUsageError("rnn4j export",
                "missing required option: '--onnx=FILE'");
    }
}
