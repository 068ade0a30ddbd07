package dev.rnn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rnn4j train and rnn4j sample in process: learning, the files a run leaves, and every refusal. */
class TrainCommandTest {
    /** A small text with structure a small model learns in a few hundred steps. */
    static final String TEXT = "the quick brown fox jumps over the lazy dog.\nthe five boxing wizards jump quickly.\n"
            .repeat(160);

    @TempDir
    Path tmp;

    Path text(String content) throws IOException {
        Path f = tmp.resolve("text-" + content.hashCode() + ".txt");
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    /** A small model's run; {@code more} adds options or overrides these defaults (option, value pairs). */
    static String[] small(Path data, Path out, String... more) {
        java.util.Map<String, String> options = new java.util.LinkedHashMap<>();
        String[] defaults = {"--data", data.toString(), "--out", out.toString(), "--embed", "16", "--hidden", "64",
                "--seq-len", "32", "--batch", "16", "--lr", "1e-2", "--threads", "1", "--sample-length", "40"};
        for (String[] pairs : new String[][]{defaults, more}) {
            for (int i = 0; i < pairs.length; i += 2) {
                options.put(pairs[i], pairs[i + 1]);
            }
        }
        List<String> args = new java.util.ArrayList<>(List.of("train"));
        options.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        return args.toArray(new String[0]);
    }

    @Test
    void validationLossFallsWellBelowTheUntrainedOne() throws IOException {
        Path out = tmp.resolve("run");
        Run r = Run.of(small(text(TEXT), out, "--steps", "300", "--eval-every", "100"));
        assertEquals(0, r.status(), r.err());
        int vocabulary = (int) TEXT.chars().distinct().count();
        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals("step,train_loss,val_loss,lr,chars_per_s,elapsed_s", csv.get(0));
        assertEquals(301, csv.size());
        double val = Double.parseDouble(csv.get(300).split(",")[2]);
        assertTrue(val < 0.3 * Math.log(vocabulary), "validation loss " + val + " vs untrained " + Math.log(vocabulary));
        assertTrue(r.out().contains("--- sample ---"), r.out());
        assertEquals("ckpt-300", Files.readString(out.resolve("latest")).strip());
        assertTrue(Files.size(out.resolve("loss.png")) > 1000);
        for (String f : List.of("model.safetensors", "trainer.pt", "config.json")) {
            assertTrue(Files.exists(out.resolve("ckpt-300").resolve(f)), f);
        }
        Run s = Run.of("sample", "--checkpoint", out.toString(), "--prompt", "the quick", "--length", "30");
        assertEquals(0, s.status(), s.err());
        assertTrue(s.out().startsWith("the quick"), s.out());
        assertEquals(s.out(), Run.of("sample", "--checkpoint", out.toString(), "--prompt", "the quick", "--length",
                "30").out(), "the same seed draws the same text");
    }

    @Test
    void badDataIsAUsageError() throws IOException {
        Path empty = text("");
        Run.of("train", "--data", empty.toString(), "--out", tmp.resolve("a").toString())
                .assertUsageError("rnn4j train", "--data " + empty + " is empty");
        Path latin1 = tmp.resolve("latin1.txt");
        Files.write(latin1, new byte[]{'c', 'a', 'f', (byte) 0xe9});
        Run.of("train", "--data", latin1.toString(), "--out", tmp.resolve("b").toString())
                .assertUsageError("rnn4j train", "--data " + latin1 + " is not UTF-8 text");
        Path tiny = text("abcdefghij".repeat(3));
        Run.of(small(tiny, tmp.resolve("c"), "--seq-len", "64")).assertUsageError("rnn4j train",
                "the training text has 27 characters, too few for one window of 64 characters and its next character "
                        + "(--seq-len 64)");
        Run.of("train", "--data", tmp.resolve("missing.txt").toString()).assertUsageError("rnn4j train",
                "invalid value for option '--data': no such file or directory: " + tmp.resolve("missing.txt"));
    }

    @Test
    void badOptionsAreUsageErrors() throws IOException {
        Path data = text(TEXT);
        Run.of(small(data, tmp.resolve("a"), "--lr", "0")).assertUsageError("rnn4j train",
                "invalid value for option '--lr': 0 is not in (0, ∞)");
        Run.of(small(data, tmp.resolve("a"), "--dropout", "1")).assertUsageError("rnn4j train",
                "invalid value for option '--dropout': 1 is not in [0, 1)");
        Run.of("train", "--model", "transformer").assertUsageError("rnn4j train",
                "invalid value for option '--model': expected one of [rnn, lstm, gru] (case-sensitive) but was "
                        + "'transformer'");
        Run r = Run.of(small(data, tmp.resolve("a"), "--steps", "5", "--epochs", "1"));
        assertEquals(2, r.status(), r.err());
        assertTrue(r.errLines().get(0).contains("mutually exclusive"), r.err());
        r.assertNoStackTrace();
        Run.of(small(data, tmp.resolve("a"), "--hidden", "99999999")).assertUsageError("rnn4j train",
                "invalid value for option '--hidden': 99999999 is not in 1..1048576");
    }

    @Test
    void aRunIsNeverOverwrittenAndResumeKeepsItsOwnSettings() throws IOException {
        Path data = text(TEXT);
        Path out = tmp.resolve("run");
        assertEquals(0, Run.of(small(data, out, "--steps", "4", "--eval-every", "2")).status());
        Run.of(small(data, out, "--steps", "4")).assertUsageError("rnn4j train", out + " already holds a training "
                + "run: continue it with --resume " + out + ", or choose another --out");
        Run.of("train", "--resume", out.toString(), "--lr", "0.1").assertUsageError("rnn4j train",
                "--resume continues a run with its own settings; drop --lr");
    }

    @Test
    void aDivergingRunStopsAndKeepsItsLastGoodCheckpoint() throws IOException {
        Path out = tmp.resolve("run");
        // weights of 1e38 overflow the logits in either arithmetic; at 1e30 only products overflow, and a fused
        // multiply-add, which never rounds a product alone, keeps such a run finite
        Run r = Run.of(small(text(TEXT), out, "--steps", "50", "--eval-every", "1", "--lr", "1e38", "--clip", "0"));
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().contains("the loss became"), r.err());
        r.assertNoStackTrace();
        String last = Files.readString(out.resolve("latest")).strip();
        assertTrue(r.err().contains("last good checkpoint (step " + last.substring(5) + ")"), r.err() + " / " + last);
    }

    @Test
    void sampleRefusesACharacterOutsideTheVocabulary() throws IOException {
        Path out = tmp.resolve("run");
        assertEquals(0, Run.of(small(text(TEXT), out, "--steps", "2", "--eval-every", "2")).status());
        Run.of("sample", "--checkpoint", out.toString(), "--prompt", "Zebra").assertUsageError("rnn4j sample",
                "--prompt: character 'Z' (U+005A) is not in the vocabulary");
        Run.of("sample", "--checkpoint", out.toString(), "--temperature", "-1").assertUsageError("rnn4j sample",
                "invalid value for option '--temperature': -1 is not in (0, ∞)");
    }
}
