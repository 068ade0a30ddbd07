package dev.rnn4j.spark;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Batch inference over a DataFrame: a column of sequences scored by a model shipped once to the executors, in
 * batches through the packed path, the result in a new column.
 *
 * <pre>{@code
 * SequenceScorer scorer = SequenceScorer.builder(spark, Path.of("model.safetensors"), ModelSpec.charModel())
 *         .inputCol("value").output(ScoreOutput.HIDDEN).outputCol("state").build();
 * Dataset<Row> scored = scorer.transform(spark.read().text("lines.txt"));
 * scorer.register("rnn4j_score");           // SELECT rnn4j_score(value) FROM lines
 * }</pre>
 *
 * A null, empty, malformed or too long sequence gets a null result and is counted in {@link #badRows()} (Spark
 * accumulators, one per {@link BadRow}; like every accumulator updated in a transformation, a result evaluated
 * twice counts its bad rows twice). The model's configuration and file are checked on the driver when built.
 */
public final class SequenceScorer implements Serializable {

    /** How rows are scored. */
    record Settings(String inputCol, String outputCol, ScoreOutput output, int batchSize, int maxLength)
            implements Serializable {
    }

    private final ShippedModel model;
    private final Settings settings;
    private final Map<BadRow, LongAccumulator> bad;

    private SequenceScorer(ShippedModel model, Settings settings, Map<BadRow, LongAccumulator> bad) {
        this.model = model;
        this.settings = settings;
        this.bad = bad;
    }

    public static Builder builder(SparkSession spark, Path modelFile, ModelSpec spec) {
        return new Builder(spark, modelFile, spec);
    }

    /** The rows of {@code data} with the score of {@code inputCol} in {@code outputCol}, partition by partition. */
    public Dataset<Row> transform(Dataset<Row> data) {
        StructType schema = data.schema();
        List<String> names = Arrays.asList(schema.fieldNames());
        if (!names.contains(settings.inputCol())) {
            throw new IllegalArgumentException("no column '" + settings.inputCol() + "' to score; the columns are "
                    + names);
        }
        if (names.contains(settings.outputCol())) {
            throw new IllegalArgumentException("column '" + settings.outputCol() + "' already exists");
        }
        int column = schema.fieldIndex(settings.inputCol());
        StructType out = schema.add(settings.outputCol(), resultType(), true);
        ShippedModel m = model;
        Settings s = settings;
        Map<BadRow, LongAccumulator> counters = bad;
        return data.mapPartitions((MapPartitionsFunction<Row, Row>) rows ->
                new PartitionScorer(rows, m.get(), column, s, counters), Encoders.row(out));
    }

    /**
     * Registers {@code name} as a Spark SQL function of one sequence, which returns what {@link #transform}
     * puts in its column (each call is a batch of one; {@code transform} batches).
     */
    public void register(SparkSession spark, String name) {
        ShippedModel m = model;
        Settings s = settings;
        Map<BadRow, LongAccumulator> counters = bad;
        spark.udf().register(name, (UDF1<Object, Object>) value -> {
            LoadedModel loaded = m.get();
            Object p = Sequences.parse(value, loaded, s.maxLength());
            if (p instanceof BadRow reason) {
                counters.get(reason).add(1);
                return null;
            }
            return loaded.score(List.of(p), s.output()).get(0);
        }, resultType());
    }

    /** The bad rows counted so far, by reason (every reason present, zeros included). */
    public Map<BadRow, Long> badRows() {
        Map<BadRow, Long> out = new EnumMap<>(BadRow.class);
        bad.forEach((reason, acc) -> out.put(reason, acc.value()));
        return out;
    }

    private DataType resultType() {
        DataType vector = DataTypes.createArrayType(DataTypes.FloatType, false);
        return settings.output() == ScoreOutput.HIDDEN ? vector : DataTypes.createArrayType(vector, false);
    }

    /** The scorer's options; {@link #build} ships the model and checks it on the driver. */
    public static final class Builder {
        private final SparkSession spark;
        private final Path modelFile;
        private final ModelSpec spec;
        private String inputCol = "sequence";
        private String outputCol = "score";
        private ScoreOutput output = ScoreOutput.HIDDEN;
        private int batchSize = 64;
        private int maxLength = 4096;

        private Builder(SparkSession spark, Path modelFile, ModelSpec spec) {
            this.spark = spark;
            this.modelFile = modelFile;
            this.spec = spec;
        }

        /** The column of sequences (default "sequence"). */
        public Builder inputCol(String name) {
            inputCol = name;
            return this;
        }

        /** The new column (default "score"). */
        public Builder outputCol(String name) {
            outputCol = name;
            return this;
        }

        /** What to put there (default {@link ScoreOutput#HIDDEN}). */
        public Builder output(ScoreOutput what) {
            output = what;
            return this;
        }

        /** Sequences per packed batch (default 64). */
        public Builder batchSize(int n) {
            batchSize = n;
            return this;
        }

        /** The most steps a sequence may have; longer ones are bad rows (default 4096). */
        public Builder maxLength(int n) {
            maxLength = n;
            return this;
        }

        public SequenceScorer build() {
            if (batchSize <= 0 || maxLength <= 0) {
                throw new IllegalArgumentException("batch size and max length must be positive, got " + batchSize
                        + " and " + maxLength);
            }
            if (output == ScoreOutput.LOGITS && !spec.isCharModel()) {
                throw new IllegalArgumentException("LOGITS needs a character model (it has a head); a plain "
                        + spec.kind() + " gives HIDDEN or OUTPUTS");
            }
            ShippedModel shipped = ShippedModel.ship(spark, modelFile, spec);
            Map<BadRow, LongAccumulator> bad = new EnumMap<>(BadRow.class);
            for (BadRow reason : BadRow.values()) {
                bad.put(reason, spark.sparkContext().longAccumulator(reason.counterName()));
            }
            return new SequenceScorer(shipped, new Settings(inputCol, outputCol, output, batchSize, maxLength), bad);
        }
    }
}
