package dev.rnn4j.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code spark-submit --class dev.rnn4j.spark.ScoreJob}: scores a text file (one sequence per line, column
 * "value") or a Parquet file's column with a model and writes the rows with their scores as Parquet.
 *
 * <pre>
 * --model FILE|DIR   a model.safetensors, a .pt/.safetensors state dict, or an rnn4j train run directory
 * --input PATH       *.parquet: read as Parquet; anything else: text, one row per line
 * --output PATH      where the scored rows go (Parquet)
 * --column NAME      the column of sequences (default: value)
 * --what hidden|outputs|logits  (default: hidden)
 * --kind charlm|rnn|lstm|gru    (default: charlm); a plain module also takes --input-size, --hidden, --layers,
 *                    --bidirectional and --prefix (its state dict's prefix in the file)
 * --batch N, --max-length N     sequences per packed batch (64), steps allowed per sequence (4096)
 * </pre>
 */
public final class ScoreJob {
    private static final List<String> OPTIONS = List.of("--model", "--input", "--output", "--column", "--what",
            "--kind", "--input-size", "--hidden", "--layers", "--prefix", "--batch", "--max-length");

    private ScoreJob() {
    }

    public static void main(String[] args) throws IOException {
        SparkSession spark = SparkSession.builder().appName("rnn4j score").getOrCreate();
        try {
            run(args, spark, System.out);
        } finally {
            spark.stop();
        }
    }

    static void run(String[] args, SparkSession spark, PrintStream out) throws IOException {
        JobArgs a = new JobArgs(args, OPTIONS, List.of("--bidirectional"));
        String kind = a.text("--kind", "charlm");
        ModelSpec spec = kind.equals("charlm") ? ModelSpec.charModel()
                : ModelSpec.recurrent(kind, a.integer("--input-size", 0), a.integer("--hidden", 0),
                a.integer("--layers", 1), a.has("--bidirectional")).withPrefix(a.text("--prefix", ""));
        SequenceScorer scorer = SequenceScorer.builder(spark, modelFile(Path.of(a.required("--model"))), spec)
                .inputCol(a.text("--column", "value")).outputCol("score")
                .output(ScoreOutput.valueOf(a.text("--what", "hidden").toUpperCase(Locale.ROOT)))
                .batchSize(a.integer("--batch", 64)).maxLength(a.integer("--max-length", 4096)).build();
        String input = a.required("--input");
        Dataset<Row> rows = input.endsWith(".parquet") ? spark.read().parquet(input) : spark.read().text(input);
        long t0 = System.nanoTime();
        scorer.transform(rows).write().parquet(a.required("--output"));
        double seconds = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "scored %s into %s in %.1f s; bad rows: %s%n", input, a.required("--output"),
                seconds, scorer.badRows());
    }

    /** A run directory of {@code rnn4j train} stands for its current checkpoint's model.safetensors. */
    static Path modelFile(Path given) throws IOException {
        Path latest = given.resolve("latest");
        if (Files.isDirectory(given) && Files.isRegularFile(latest)) {
            return given.resolve(Files.readString(latest, StandardCharsets.UTF_8).strip()).resolve("model.safetensors");
        }
        return given;
    }
}
