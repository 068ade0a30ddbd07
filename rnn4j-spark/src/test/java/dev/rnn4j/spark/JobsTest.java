package dev.rnn4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.charlm.Checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spark-submit jobs end to end: train, checkpoint, resume to a new target, then score text with the run. */
class JobsTest {
    @TempDir
    Path dir;

    @Test
    void trainCheckpointResumeAndScore() throws IOException {
        SparkSession spark = LocalSpark.get();
        Path data = dir.resolve("text.txt");
        Files.writeString(data, TrainingTest.TEXT, StandardCharsets.UTF_8);
        Path run = dir.resolve("run");
        String printed = run(() -> TrainJob.run(new String[]{"--data", data.toString(), "--out", run.toString(),
                "--steps", "4", "--eval-every", "2", "--embed", "8", "--hidden", "16", "--seq-len", "16",
                "--batch", "8", "--shards", "2", "--lr", "0.01"}, spark, out()));
        assertTrue(printed.contains("step 2: train loss") && printed.contains("step 4: train loss"), printed);
        assertEquals(4, Checkpoint.load(run).step());
        assertEquals(2L, Checkpoint.load(run).run().get("spark_shards"));

        printed = run(() -> TrainJob.run(new String[]{"--resume", run.toString(), "--steps", "9",
                "--average-every", "3"}, spark, out()));
        assertTrue(printed.contains("step 7:") && printed.contains("step 10:"), printed);
        assertEquals(10, Checkpoint.load(run).step());
        var e = assertThrows(IllegalArgumentException.class, () -> TrainJob.run(new String[]{"--data",
                data.toString(), "--out", run.toString()}, spark, out()));
        assertTrue(e.getMessage().contains("already holds a training run"), e.getMessage());

        Path lines = dir.resolve("lines.txt");
        Files.writeString(lines, "the sum of gradients\nspark shards\n\nthe batch \u00e9\n", StandardCharsets.UTF_8);
        Path scored = dir.resolve("scored.parquet");
        printed = run(() -> ScoreJob.run(new String[]{"--model", run.toString(), "--input", lines.toString(),
                "--output", scored.toString(), "--what", "logits"}, spark, out()));
        assertTrue(printed.contains("MALFORMED=1") && printed.contains("EMPTY=1"), printed);
        List<Row> rows = spark.read().parquet(scored.toString()).collectAsList();
        assertEquals(4, rows.size());
        for (Row r : rows) {
            String line = r.getString(0);
            if (line.isEmpty() || line.contains("\u00e9")) {
                assertNull(r.get(1));
            } else {
                assertEquals(line.length(), r.getList(1).size(), line);
            }
        }
    }

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    private PrintStream out() {
        return new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }

    interface Job {
        void run() throws IOException;
    }

    private String run(Job job) throws IOException {
        buffer.reset();
        job.run();
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
