package dev.rnn4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.LongTensor;
import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.charlm.CharModel;
import dev.rnn4j.charlm.Checkpoint;
import dev.rnn4j.charlm.Trainer;
import dev.rnn4j.data.CharCorpus;
import dev.rnn4j.io.SafeTensors;
import dev.rnn4j.nn.GRU;
import dev.rnn4j.nn.LSTM;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inference over a DataFrame in local[2] over several partitions equals each sequence's forward alone in this JVM,
 * row for row, for variable lengths; bad rows get null and are counted by reason; the SQL function agrees.
 */
class ScoringTest {
    static final int INPUT = 3;
    static final String TEXT = "to be or not to be, that is the question\n".repeat(20);

    @TempDir
    static Path dir;
    static SparkSession spark;
    static GRU gru;
    static LSTM lstm;
    static Path gruFile;
    static Path lstmFile;
    static Path charFile;
    static CharModel charModel;

    @BeforeAll
    static void models() throws IOException {
        spark = LocalSpark.get();
        Torch.manualSeed(11);
        gru = GRU.builder(INPUT, 5).numLayers(2).bidirectional(true).build();
        gruFile = dir.resolve("gru.safetensors");
        SafeTensors.save(gru.stateDict(), gruFile, null);
        lstm = LSTM.builder(INPUT, 4).build();
        lstmFile = dir.resolve("model.pt");
        Map<String, Tensor> prefixed = new java.util.LinkedHashMap<>();
        lstm.stateDict().forEach((k, v) -> prefixed.put("rnn." + k, v));
        Torch.save(Map.of("state_dict", prefixed, "epoch", 3L), lstmFile);
        CharCorpus corpus = new CharCorpus(TEXT, 0.1);
        Trainer t = Trainer.start(corpus, new CharModel.Config("lstm", corpus.vocabulary().size(), 6, 12, 2, 0),
                new Trainer.Settings(10, 4, 1e-2, 1), 5);
        t.trainStep();
        Checkpoint.save(dir.resolve("run"), t, Map.of());
        charFile = dir.resolve("run").resolve("ckpt-1").resolve("model.safetensors");
        charModel = t.model();
        charModel.eval();
    }

    /** Rows (id, seq): good float sequences of 1–9 steps, then the bad ones, spread over 3 partitions. */
    static Dataset<Row> floatRows() {
        List<Row> rows = new ArrayList<>();
        Torch.manualSeed(3);
        for (int i = 0; i < 23; i++) {
            int steps = 1 + (i * 7) % 9;
            rows.add(RowFactory.create(i, Torch.randn(steps * INPUT).toFloatArray()));
        }
        rows.add(RowFactory.create(100, null));                               // null
        rows.add(RowFactory.create(101, new float[0]));                       // empty
        rows.add(RowFactory.create(102, new float[]{1, 2, 3, 4}));            // not a multiple of 3
        rows.add(RowFactory.create(103, new float[INPUT * 12]));              // 12 steps > maxLength 10
        StructType schema = new StructType().add("id", DataTypes.IntegerType)
                .add("seq", DataTypes.createArrayType(DataTypes.FloatType));
        java.util.Collections.shuffle(rows, new java.util.Random(1));
        return spark.createDataFrame(rows, schema).repartition(3);
    }

    @Test
    void lastHiddenStatesEqualTheSingleMachineForwardRowForRow() {
        SequenceScorer scorer = SequenceScorer.builder(spark, gruFile, ModelSpec.recurrent("gru", INPUT, 5, 2, true))
                .inputCol("seq").outputCol("h").batchSize(4).maxLength(10).build();
        List<Row> out = scorer.transform(floatRows()).collectAsList();
        assertEquals(27, out.size());
        int good = 0;
        for (Row r : out) {
            int id = r.getInt(0);
            if (id >= 100) {
                assertNull(r.get(2), "row " + id);
                continue;
            }
            good++;
            float[] x = floats(r.getList(1));
            Tensor h;
            try (var g = Torch.noGrad()) {
                h = gru.forward(Torch.tensor(x, x.length / INPUT, 1, INPUT)).hidden();   // (4, 1, 5)
            }
            float[] expected = Torch.cat(List.of(h.get(2).get(0), h.get(3).get(0)), 0).toFloatArray();
            assertClose(expected, floats(r.getList(2)), "row " + id);
        }
        assertEquals(23, good);
        assertEquals(Map.of(BadRow.NULL, 1L, BadRow.EMPTY, 1L, BadRow.MALFORMED, 1L, BadRow.TOO_LONG, 1L),
                scorer.badRows());
    }

    @Test
    void perStepOutputsOfAPtFileUnderAPrefixEqualTheSingleMachineForward() {
        SequenceScorer scorer = SequenceScorer.builder(spark, lstmFile,
                        ModelSpec.recurrent("lstm", INPUT, 4, 1, false).withPrefix("rnn."))
                .inputCol("seq").outputCol("out").output(ScoreOutput.OUTPUTS).batchSize(5).maxLength(10).build();
        for (Row r : scorer.transform(floatRows()).collectAsList()) {
            if (r.getInt(0) >= 100) {
                assertNull(r.get(2));
                continue;
            }
            float[] x = floats(r.getList(1));
            int steps = x.length / INPUT;
            Tensor o;
            try (var g = Torch.noGrad()) {
                o = lstm.forward(Torch.tensor(x, steps, 1, INPUT)).output();   // (L, 1, 4)
            }
            List<Object> rows = r.getList(2);
            assertEquals(steps, rows.size());
            for (int t = 0; t < steps; t++) {
                assertClose(o.get(t).get(0).toFloatArray(), floats(rows.get(t)), "row " + r.getInt(0) + " step " + t);
            }
        }
    }

    @Test
    void aCharacterModelScoresTextAndTokenIdsAsItsOwnForward() {
        List<Row> rows = new ArrayList<>();
        String[] lines = {"to be", "or not to be", "question", "t", "that is the question, to be or not to be",
                "", null, "to be or not? ¿", "is"};
        for (int i = 0; i < lines.length; i++) {
            rows.add(RowFactory.create(i, lines[i]));
        }
        Dataset<Row> df = spark.createDataFrame(rows, new StructType().add("id", DataTypes.IntegerType)
                .add("value", DataTypes.StringType)).repartition(2);
        SequenceScorer scorer = SequenceScorer.builder(spark, charFile, ModelSpec.charModel())
                .inputCol("value").outputCol("logits").output(ScoreOutput.LOGITS).batchSize(3).build();
        int good = 0;
        for (Row r : scorer.transform(df).collectAsList()) {
            String line = r.getString(1);
            if (line == null || line.isEmpty() || line.contains("?")) {
                assertNull(r.get(2), "row " + r.getInt(0));
                continue;
            }
            good++;
            Tensor logits;
            try (var g = Torch.noGrad()) {
                logits = charModel.forward(column(line));   // (L, 1, V)
            }
            List<Object> steps = r.getList(2);
            for (int t = 0; t < line.length(); t++) {
                assertClose(logits.get(t).get(0).toFloatArray(), floats(steps.get(t)), "'" + line + "' step " + t);
            }
        }
        assertEquals(6, good);
        assertEquals(Map.of(BadRow.NULL, 1L, BadRow.EMPTY, 1L, BadRow.MALFORMED, 1L, BadRow.TOO_LONG, 0L),
                scorer.badRows());
    }

    @Test
    void theSqlFunctionGivesWhatTransformGives() {
        SequenceScorer scorer = SequenceScorer.builder(spark, charFile, ModelSpec.charModel()).build();
        scorer.register(spark, "rnn4j_state");
        List<Row> rows = List.of(RowFactory.create("to be", new long[]{3, 4, 1}), RowFactory.create("is", null),
                RowFactory.create("not?", new long[]{0, 999}));
        spark.createDataFrame(rows, new StructType().add("text", DataTypes.StringType)
                .add("ids", DataTypes.createArrayType(DataTypes.LongType))).createOrReplaceTempView("lines");
        List<Row> out = spark.sql("SELECT text, rnn4j_state(text), rnn4j_state(ids) FROM lines").collectAsList();
        Tensor h;
        try (var g = Torch.noGrad()) {
            h = charModel.forward(column("to be"), null).state().h();
        }
        Row first = out.stream().filter(r -> r.getString(0).equals("to be")).findFirst().orElseThrow();
        assertClose(h.get(1).get(0).toFloatArray(), floats(first.getList(1)), "text");
        assertNotNull(first.get(2));
        Row bad = out.stream().filter(r -> r.getString(0).equals("not?")).findFirst().orElseThrow();
        assertNull(bad.get(1));
        assertNull(bad.get(2));
        assertEquals(Map.of(BadRow.NULL, 1L, BadRow.EMPTY, 0L, BadRow.MALFORMED, 2L, BadRow.TOO_LONG, 0L),
                scorer.badRows());
    }

    @Test
    void aJvmReadsAModelOnceForAllItsTasksAndAgainOnlyAfterEvictingIt() {
        ModelSpec spec = ModelSpec.recurrent("gru", INPUT, 5, 2, true);
        SequenceScorer first = SequenceScorer.builder(spark, gruFile, spec).inputCol("seq").maxLength(10).build();
        long before = ShippedModel.reads();
        first.transform(floatRows()).collectAsList();
        assertEquals(before, ShippedModel.reads(), "the driver's copy serves every task of this JVM");
        for (int i = 0; i < 4; i++) {
            SequenceScorer.builder(spark, gruFile, spec).build();   // four newer models push the first one out
        }
        List<Row> again = first.transform(floatRows()).collectAsList();
        first.transform(floatRows()).collectAsList();
        assertEquals(before + 1, ShippedModel.reads(), "read once from the broadcast, then shared by 3 partitions");
        assertEquals(27, again.size());
    }

    @Test
    void aMissingFileOrAWrongSpecIsNamedOnTheDriver() {
        Path missing = dir.resolve("nope.safetensors");
        var e = assertThrows(IllegalArgumentException.class,
                () -> SequenceScorer.builder(spark, missing, ModelSpec.charModel()).build());
        assertTrue(e.getMessage().contains("nope.safetensors") && e.getMessage().contains("does not exist"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SequenceScorer.builder(spark, gruFile,
                ModelSpec.recurrent("gru", INPUT, 7, 2, true)).build());
        assertTrue(e.getMessage().contains("gru.safetensors") && e.getMessage().contains("size mismatch"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SequenceScorer.builder(spark, gruFile,
                ModelSpec.recurrent("gru", INPUT, 5, 2, true)).output(ScoreOutput.LOGITS).build());
        assertTrue(e.getMessage().contains("LOGITS"), e.getMessage());
        SequenceScorer ok = SequenceScorer.builder(spark, gruFile, ModelSpec.recurrent("gru", INPUT, 5, 2, true))
                .build();
        e = assertThrows(IllegalArgumentException.class, () -> ok.transform(floatRows()));
        assertTrue(e.getMessage().contains("no column 'sequence'"), e.getMessage());
    }

    static LongTensor column(String s) {
        CharCorpus corpus = new CharCorpus(TEXT, 0.1);
        int[] ids = corpus.vocabulary().encode(s);
        return LongTensor.of(Arrays.stream(ids).asLongStream().toArray(), new int[]{ids.length, 1});
    }

    static float[] floats(Object array) {
        List<?> values = array instanceof scala.collection.Seq<?> s ? scala.jdk.javaapi.CollectionConverters.asJava(s)
                : (List<?>) array;
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) values.get(i)).floatValue();
        }
        return out;
    }

    static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5, what + "[" + i + "]");
        }
    }
}
