package dev.rnn4j.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * One partition's rows with their scores appended, in order: rows are read {@code batchSize} at a time, the good
 * ones scored together in one packed batch, the others given null and counted by reason.
 */
final class PartitionScorer implements Iterator<Row> {
    private final Iterator<Row> rows;
    private final LoadedModel model;
    private final int column;
    private final SequenceScorer.Settings settings;
    private final Map<BadRow, LongAccumulator> bad;
    private final ArrayDeque<Row> ready = new ArrayDeque<>();

    PartitionScorer(Iterator<Row> rows, LoadedModel model, int column, SequenceScorer.Settings settings,
                    Map<BadRow, LongAccumulator> bad) {
        this.rows = rows;
        this.model = model;
        this.column = column;
        this.settings = settings;
        this.bad = bad;
    }

    @Override
    public boolean hasNext() {
        if (ready.isEmpty() && rows.hasNext()) {
            scoreNextBatch();
        }
        return !ready.isEmpty();
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    private void scoreNextBatch() {
        List<Row> batch = new ArrayList<>(settings.batchSize());
        List<Object> parsed = new ArrayList<>(settings.batchSize());
        List<Object> good = new ArrayList<>();
        while (batch.size() < settings.batchSize() && rows.hasNext()) {
            Row r = rows.next();
            Object p = Sequences.parse(r.get(column), model, settings.maxLength());
            if (p instanceof BadRow reason) {
                bad.get(reason).add(1);
            } else {
                good.add(p);
            }
            batch.add(r);
            parsed.add(p);
        }
        Iterator<Object> scores = good.isEmpty() ? null : model.score(good, settings.output()).iterator();
        for (int i = 0; i < batch.size(); i++) {
            ready.add(append(batch.get(i), parsed.get(i) instanceof BadRow ? null : scores.next()));
        }
    }

    private static Row append(Row r, Object value) {
        Object[] values = new Object[r.length() + 1];
        for (int i = 0; i < r.length(); i++) {
            values[i] = r.get(i);
        }
        values[r.length()] = value;
        return RowFactory.create(values);
    }
}
