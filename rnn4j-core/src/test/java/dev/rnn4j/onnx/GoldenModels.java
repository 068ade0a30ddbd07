package dev.rnn4j.onnx;

import dev.rnn4j.Torch;
import dev.rnn4j.charlm.CharModel;
import dev.rnn4j.data.CharVocabulary;
import dev.rnn4j.golden.GoldenFile;
import dev.rnn4j.nn.GRU;
import dev.rnn4j.nn.GRUCell;
import dev.rnn4j.nn.LSTM;
import dev.rnn4j.nn.LSTMCell;
import dev.rnn4j.nn.RNN;
import dev.rnn4j.nn.RNNBase;
import dev.rnn4j.nn.RNNCell;
import dev.rnn4j.nn.RNNCellBase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The models of tools/golden/onnx_export.py's cases, built as PyTorch built them (same seed, same weights), and the
 * script's second step: {@code main(DIR)} exports each case of DIR/cases.txt to DIR/NAME.onnx for onnxruntime.
 */
final class GoldenModels {

    private GoldenModels() {
    }

    /** The case's module, its weights drawn after Torch.manualSeed(seed) as PyTorch drew them. */
    static RNNBase module(GoldenFile.Case c) {
        Torch.manualSeed(c.getLong("seed"));
        int in = c.getInt("input_size"), hidden = c.getInt("hidden_size");
        RNNBase m = switch (c.get("module")) {
            case "RNN" -> options(c, RNN.builder(in, hidden).nonlinearity(c.get("nonlinearity"))).build();
            case "LSTM" -> options(c, LSTM.builder(in, hidden)).build();
            case "GRU" -> options(c, GRU.builder(in, hidden)).build();
            default -> throw new IllegalArgumentException("case " + c.name() + ": module " + c.get("module"));
        };
        m.eval();
        return m;
    }

    private static <B extends RNNBase.Builder<B>> B options(GoldenFile.Case c, B builder) {
        return builder.numLayers(c.getInt("num_layers")).bias(c.getBoolean("bias"))
                .batchFirst(c.getBoolean("batch_first")).bidirectional(c.getBoolean("bidirectional"))
                .dropout(c.getDouble("dropout"));
    }

    /** A character-model case's model, built as tools/bench/charlm_torch.py built it from the seed. */
    static CharModel charModel(GoldenFile.Case c) {
        Torch.manualSeed(c.getLong("seed"));
        CharModel m = new CharModel(new CharModel.Config(c.get("kind"), c.getInt("vocab_size"), c.getInt("embed"),
                c.getInt("hidden"), c.getInt("layers"), c.getDouble("dropout")));
        m.eval();
        return m;
    }

    /** A vocabulary of the case's size: the letters from 'a' on. */
    static CharVocabulary vocabulary(GoldenFile.Case c) {
        return CharVocabulary.ofCodePoints(IntStream.range('a', 'a' + c.getInt("vocab_size")).toArray());
    }

    /** A cell case's cell, its weights drawn after Torch.manualSeed(seed). */
    static RNNCellBase cell(GoldenFile.Case c) {
        Torch.manualSeed(c.getLong("seed"));
        int in = c.getInt("input_size"), hidden = c.getInt("hidden_size");
        boolean bias = c.getBoolean("bias");
        return switch (c.get("module")) {
            case "RNNCell" -> new RNNCell(in, hidden, bias, c.get("nonlinearity"));
            case "LSTMCell" -> new LSTMCell(in, hidden, bias);
            default -> new GRUCell(in, hidden, bias);
        };
    }

    /** The case's sequence lengths, or null when every sequence runs all steps. */
    static int[] lengths(GoldenFile.Case c) {
        return c.settings().containsKey("lengths")
                ? Arrays.stream(c.get("lengths").split(" ")).mapToInt(Integer::parseInt).toArray() : null;
    }

    static boolean isCharModel(GoldenFile.Case c) {
        return c.get("module").equals("CharModel");
    }

    static boolean isCell(GoldenFile.Case c) {
        return c.get("module").endsWith("Cell");
    }

    /** The case's ONNX model as rnn4j exports it. */
    static byte[] export(GoldenFile.Case c) {
        if (isCharModel(c)) {
            return Onnx.toBytes(charModel(c), vocabulary(c));
        }
        return isCell(c) ? Onnx.toBytes(cell(c)) : Onnx.toBytes(module(c), lengths(c) != null);
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        for (GoldenFile.Case c : GoldenFile.parse(Files.readString(dir.resolve("cases.txt")))) {
            Files.write(dir.resolve(c.name() + ".onnx"), export(c));
        }
    }
}
