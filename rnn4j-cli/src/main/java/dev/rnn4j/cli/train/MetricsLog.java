package dev.rnn4j.cli.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code DIR/metrics.csv}: one row per step (step, train loss, validation loss where measured, lr, chars/s,
 * elapsed seconds), appended as the run goes and cut back to a checkpoint's step when a run resumes.
 */
final class MetricsLog implements AutoCloseable {
    static final String HEADER = "step,train_loss,val_loss,lr,chars_per_s,elapsed_s";

    /** One row; valLoss is NaN where the step was not evaluated. */
    record Row(long step, double trainLoss, double valLoss, double lr, double charsPerSecond, double elapsed) {
        String csv() {
            return String.format(Locale.ROOT, "%d,%.6f,%s,%s,%.0f,%.3f", step, trainLoss,
                    Double.isNaN(valLoss) ? "" : String.format(Locale.ROOT, "%.6f", valLoss), lr, charsPerSecond, elapsed);
        }

        static Row parse(String line) {
            String[] f = line.split(",", -1);
            return new Row(Long.parseLong(f[0]), Double.parseDouble(f[1]),
                    f[2].isEmpty() ? Double.NaN : Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                    Double.parseDouble(f[4]), Double.parseDouble(f[5]));
        }
    }

    private final List<Row> rows;
    private final BufferedWriter out;

    private MetricsLog(List<Row> rows, BufferedWriter out) {
        this.rows = rows;
        this.out = out;
    }

    /** A new log at {@code file}. */
    static MetricsLog create(Path file) throws IOException {
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        w.write(HEADER);
        w.newLine();
        w.flush();
        return new MetricsLog(new ArrayList<>(), w);
    }

    /** The log of a run resumed at {@code step}: rows after it (written after its last checkpoint) are dropped. */
    static MetricsLog resume(Path file, long step) throws IOException {
        List<Row> kept = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.equals(HEADER)) {
                    continue;
                }
                try {
                    Row r = Row.parse(line);
                    if (r.step() <= step) {
                        kept.add(r);
                    }
                } catch (RuntimeException e) {
                    // a line cut short by the crash that ended the earlier run
                }
            }
        }
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        kept.forEach(r -> b.append(r.csv()).append('\n'));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, b, StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return new MetricsLog(kept, Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
    }

    void add(Row r) throws IOException {
        rows.add(r);
        out.write(r.csv());
        out.newLine();
        out.flush();
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
