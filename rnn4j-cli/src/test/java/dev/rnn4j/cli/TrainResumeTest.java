package dev.rnn4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training run in a second JVM, stopped between checkpoints (SIGKILL) or by Ctrl-C (SIGINT), then resumed here:
 * the end weights and the loss curve equal those of a run that was never stopped, bit for bit.
 */
class TrainResumeTest {
    static final String STEPS = "240";
    static final String EVAL = "60";

    @TempDir
    Path tmp;
    Path data;

    @BeforeEach
    void text() throws IOException {
        data = tmp.resolve("text.txt");
        Files.writeString(data, TrainCommandTest.TEXT, StandardCharsets.UTF_8);
    }

    String[] run(Path out) {
        return TrainCommandTest.small(data, out, "--steps", STEPS, "--eval-every", EVAL, "--sample-length", "0");
    }

    @Test
    void killedBetweenCheckpointsThenResumedEqualsAnUninterruptedRun() throws Exception {
        Path killed = tmp.resolve("killed");
        Process child = startAndAwaitFirstCheckpoint(killed);
        child.destroyForcibly();   // SIGKILL: no chance to write anything more
        child.waitFor(30, TimeUnit.SECONDS);
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        resumeAndCompare(killed);
    }

    @Test
    void ctrlCFinishesTheStepWritesACheckpointAndExits130() throws Exception {
        Path stopped = tmp.resolve("stopped");
        Process child = startAndAwaitFirstCheckpoint(stopped);
        new ProcessBuilder("sh", "-c", "kill -INT " + child.pid()).start().waitFor();   // the shell's own kill
        if (!child.waitFor(60, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            fail("the run did not stop after SIGINT");
        }
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(130, child.exitValue(), output);
        assertNotEquals("ckpt-" + STEPS, Files.readString(stopped.resolve("latest")).strip(), "stopped before the end");
        resumeAndCompare(stopped);
    }

    private Process startAndAwaitFirstCheckpoint(Path out) throws IOException, InterruptedException {
        Process child = start(run(out));
        awaitFirstCheckpoint(child, out);
        return child;
    }

    /** Resumes the stopped run here and compares it with a run that was never stopped. */
    private void resumeAndCompare(Path stopped) throws IOException {
        Run resumed = Run.of("train", "--resume", stopped.toString(), "--threads", "1");
        assertEquals(0, resumed.status(), resumed.err());
        Path reference = tmp.resolve("reference");
        assertEquals(0, Run.of(run(reference)).status());
        assertSameRun(reference, stopped);
    }

    private static void assertSameRun(Path reference, Path resumed) throws IOException {
        Path end = Path.of("ckpt-" + STEPS, "model.safetensors");
        assertArrayEquals(Files.readAllBytes(reference.resolve(end)), Files.readAllBytes(resumed.resolve(end)),
                "weights after " + STEPS + " steps");
        assertEquals(losses(reference), losses(resumed), "train and validation loss of every step");
    }

    /** metrics.csv without its timing columns. */
    private static List<String> losses(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("metrics.csv"))) {
            String[] f = line.split(",", -1);
            out.add(f[0] + "," + f[1] + "," + f[2] + "," + f[3]);
        }
        return out;
    }

    /** rnn4j in a JVM of its own, with this test's classpath and the Vector API. */
    private static Process start(String[] args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "-cp",
                classpath, Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static void awaitFirstCheckpoint(Process child, Path dir) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(dir.resolve("latest"))) {
            if (!child.isAlive()) {
                fail("the run ended before its first checkpoint: "
                        + new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            if (System.nanoTime() > deadline) {
                child.destroyForcibly();
                fail("no checkpoint within 120 s");
            }
            Thread.sleep(2);
        }
    }
}
