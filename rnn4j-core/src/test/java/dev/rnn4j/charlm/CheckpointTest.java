package dev.rnn4j.charlm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.data.CharCorpus;
import dev.rnn4j.io.FormatException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints: a resumed trainer continues exactly; a write cut short leaves the previous one current; bad ones are named. */
class CheckpointTest {
    static final String TEXT = "abcabcabdabcabcabd\n".repeat(40);

    @TempDir
    Path dir;

    static Trainer trainer() {
        CharCorpus corpus = new CharCorpus(TEXT, 0.1);
        return Trainer.start(corpus, new CharModel.Config("gru", corpus.vocabulary().size(), 4, 8, 1, 0),
                new Trainer.Settings(8, 4, 1e-2, 1.0), 7);
    }

    @Test
    void resumedTrainerTakesTheSameStepsAsOneThatNeverStopped() throws IOException {
        Trainer straight = trainer();
        double[] expected = new double[6];
        for (int i = 0; i < 6; i++) {
            expected[i] = straight.trainStep();
        }
        Trainer first = trainer();
        first.trainStep();
        first.trainStep();
        first.trainStep();
        Checkpoint.save(dir, first, Map.of("note", "test"));
        trainer().trainStep();   // disturb the generator: the checkpoint must restore it
        Checkpoint.Loaded loaded = Checkpoint.load(dir);
        assertEquals("test", loaded.run().get("note"));
        Trainer resumed = Checkpoint.resume(loaded, new CharCorpus(TEXT, loaded.vocabulary(), 0.1));
        assertEquals(3, resumed.step());
        double[] actual = new double[6];
        System.arraycopy(expected, 0, actual, 0, 3);
        for (int i = 3; i < 6; i++) {
            actual[i] = resumed.trainStep();
        }
        assertArrayEquals(expected, actual);
        assertArrayEquals(straight.model().stateDict().get("rnn.weight_hh_l0").toFloatArray(),
                resumed.model().stateDict().get("rnn.weight_hh_l0").toFloatArray());
    }

    @Test
    void aWriteCutShortLeavesThePreviousCheckpointCurrent() throws IOException {
        Trainer t = trainer();
        t.trainStep();
        Checkpoint.save(dir, t, Map.of());
        float[] saved = t.model().stateDict().get("head.weight").toFloatArray();
        t.trainStep();
        // what a crash leaves: a half-written temporary directory, and a renamed one 'latest' does not name yet
        Path partial = Files.createDirectory(dir.resolve(".ckpt-2.tmp"));
        Files.write(partial.resolve("model.safetensors"), new byte[]{1, 2, 3});
        Path unnamed = Files.createDirectory(dir.resolve("ckpt-2"));
        Files.write(unnamed.resolve("model.safetensors"), new byte[]{4, 5});
        Checkpoint.Loaded loaded = Checkpoint.load(dir);
        assertEquals(1, loaded.step());
        assertArrayEquals(saved, loaded.model().stateDict().get("head.weight").toFloatArray());
        Checkpoint.save(dir, t, Map.of());   // the next save clears what the crash left
        assertEquals(2, Checkpoint.load(dir).step());
        assertFalse(Files.exists(partial));
        assertFalse(Files.exists(dir.resolve("ckpt-1")));
    }

    @Test
    void damagedCheckpointsAreNamed() throws IOException {
        assertTrue(assertThrows(IOException.class, () -> Checkpoint.load(dir)).getMessage().contains("no checkpoint"));
        Trainer t = trainer();
        Path ckpt = Checkpoint.save(dir, t, Map.of());
        byte[] model = Files.readAllBytes(ckpt.resolve("model.safetensors"));
        Files.write(ckpt.resolve("model.safetensors"), java.util.Arrays.copyOf(model, model.length / 2));
        assertThrows(FormatException.class, () -> Checkpoint.load(dir));
        Files.writeString(dir.resolve("latest"), "../elsewhere\n");
        assertTrue(assertThrows(FormatException.class, () -> Checkpoint.load(dir)).getMessage()
                .contains("not a checkpoint here"));
    }

    @Test
    void aCheckpointOfAnotherShapeNamesTheTensorAndBothShapes() throws IOException {
        Trainer t = trainer();
        Path ckpt = Checkpoint.save(dir, t, Map.of());
        var contents = dev.rnn4j.io.SafeTensors.load(ckpt.resolve("model.safetensors"));
        Map<String, String> meta = new java.util.LinkedHashMap<>(contents.metadata());
        meta.put("hidden", "9");
        dev.rnn4j.io.SafeTensors.save(contents.tensors(), ckpt.resolve("model.safetensors"), meta);
        String message = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(dir)).getMessage();
        assertTrue(message.contains("size mismatch for rnn.weight_ih_l0: copying a param with shape "
                + "torch.Size([24, 4]) from checkpoint, the shape in current model is torch.Size([27, 4])"), message);
    }
}
