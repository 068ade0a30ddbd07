package dev.rnn4j.spark;

import dev.rnn4j.LongTensor;
import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.charlm.CharModel;
import dev.rnn4j.data.CharVocabulary;
import dev.rnn4j.io.SafeTensors;
import dev.rnn4j.io.StateDicts;
import dev.rnn4j.io.TorchFiles;
import dev.rnn4j.nn.Embedding;
import dev.rnn4j.nn.GRU;
import dev.rnn4j.nn.LSTM;
import dev.rnn4j.nn.Linear;
import dev.rnn4j.nn.Module;
import dev.rnn4j.nn.RNN;
import dev.rnn4j.nn.RNNBase;
import dev.rnn4j.nn.SingleStateRNN;
import dev.rnn4j.nn.rnn.PackedSequence;
import dev.rnn4j.nn.rnn.Packing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A model read from a weights file, in eval mode, scoring batches of sequences through the packed path. Scoring
 * only reads the weights (no gradient, no dropout), so one instance serves every task of an executor at once.
 */
final class LoadedModel {
    private final ModelSpec spec;
    private final RNNBase rnn;
    private final Embedding embed;       // a character model's, else null
    private final Linear head;           // a character model's, else null
    private final CharVocabulary vocabulary;

    private LoadedModel(ModelSpec spec, RNNBase rnn, Embedding embed, Linear head, CharVocabulary vocabulary) {
        this.spec = spec;
        this.rnn = rnn;
        this.embed = embed;
        this.head = head;
        this.vocabulary = vocabulary;
    }

    /** Reads {@code bytes}, the file {@code name} (named in every error), as {@code spec} says. */
    static LoadedModel read(ModelSpec spec, String name, byte[] bytes) {
        try {
            return spec.isCharModel() ? charModel(spec, bytes) : recurrent(spec, name, bytes);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot load the model " + name + ": " + e.getMessage(), e);
        }
    }

    private static LoadedModel charModel(ModelSpec spec, byte[] bytes) throws IOException {
        SafeTensors.Contents c = SafeTensors.load(bytes);
        CharModel model = new CharModel(CharModel.Config.fromStrings(c.metadata()));
        String vocab = c.metadata().get("vocab");
        if (vocab == null) {
            throw new IllegalArgumentException("its metadata has no 'vocab' (a charlm.Checkpoint model.safetensors has)");
        }
        model.loadStateDict(StateDicts.select(c.tensors(), ""));
        model.eval();
        Map<String, Module> parts = model.namedChildren();
        CharVocabulary v = CharVocabulary.ofCodePoints(java.util.Arrays.stream(vocab.split(","))
                .mapToInt(Integer::parseInt).toArray());
        return new LoadedModel(spec, (RNNBase) parts.get("rnn"), (Embedding) parts.get("embed"),
                (Linear) parts.get("head"), v);
    }

    private static LoadedModel recurrent(ModelSpec spec, String name, byte[] bytes) throws IOException {
        Object loaded = name.endsWith(".safetensors") ? SafeTensors.load(bytes).tensors() : TorchFiles.load(bytes);
        if (loaded instanceof Map<?, ?> m && m.get("state_dict") instanceof Map<?, ?> inner) {
            loaded = inner;
        }
        Map<String, Tensor> state = StateDicts.select(loaded, spec.prefix());
        RNNBase module = switch (spec.kind()) {
            case "rnn" -> RNN.builder(spec.inputSize(), spec.hidden()).numLayers(spec.layers())
                    .bidirectional(spec.bidirectional()).build();
            case "lstm" -> LSTM.builder(spec.inputSize(), spec.hidden()).numLayers(spec.layers())
                    .bidirectional(spec.bidirectional()).build();
            default -> GRU.builder(spec.inputSize(), spec.hidden()).numLayers(spec.layers())
                    .bidirectional(spec.bidirectional()).build();
        };
        module.loadStateDict(state);
        module.eval();
        return new LoadedModel(spec, module, null, null, null);
    }

    /** Whether the model reads token ids / text (a character model) rather than float vectors. */
    boolean readsTokens() {
        return embed != null;
    }

    int inputSize() {
        return spec.inputSize();
    }

    int vocabularySize() {
        return vocabulary.size();
    }

    CharVocabulary vocabulary() {
        return vocabulary;
    }

    /**
     * Scores sequences, each (L_i, inputSize) floats or (L_i) token ids, in one packed batch; the results in the
     * same order: float[] for {@link ScoreOutput#HIDDEN}, float[][] (one row per step) otherwise.
     */
    List<Object> score(List<Object> sequences, ScoreOutput what) {
        if (what == ScoreOutput.LOGITS && head == null) {
            throw new IllegalArgumentException("LOGITS needs a character model (it has a head); this is a plain "
                    + spec.kind());
        }
        try (var g = Torch.noGrad()) {
            List<Tensor> inputs = new ArrayList<>(sequences.size());
            for (Object s : sequences) {
                inputs.add(embed == null ? (Tensor) s : embed.forward((LongTensor) s));
            }
            PackedSequence packed = Packing.packSequence(inputs, false);
            PackedSequence outputs;
            Tensor hidden;
            if (rnn instanceof LSTM lstm) {
                LSTM.PackedOutput o = lstm.forward(packed);
                outputs = o.output();
                hidden = o.hidden();
            } else {
                SingleStateRNN.PackedOutput o = ((SingleStateRNN) rnn).forward(packed);
                outputs = o.output();
                hidden = o.hidden();
            }
            return switch (what) {
                case HIDDEN -> lastLayer(hidden, sequences.size());
                case OUTPUTS -> steps(outputs);
                case LOGITS -> steps(new PackedSequence(head.forward(outputs.data()), outputs.batchSizes(),
                        outputs.sortedIndices(), outputs.unsortedIndices()));
            };
        }
    }

    /** h_n (layers·dirs, B, H) → each sequence's last layer, its directions side by side (dirs·H). */
    private List<Object> lastLayer(Tensor hidden, int batch) {
        int dirs = spec.bidirectional() ? 2 : 1;
        int layers = hidden.size(0) / dirs;
        int h = hidden.size(2);
        List<Object> out = new ArrayList<>(batch);
        List<float[]> perDirection = new ArrayList<>();
        for (int d = 0; d < dirs; d++) {
            perDirection.add(hidden.get((layers - 1) * dirs + d).contiguous().toFloatArray());   // (B, H)
        }
        for (int b = 0; b < batch; b++) {
            float[] row = new float[dirs * h];
            for (int d = 0; d < dirs; d++) {
                System.arraycopy(perDirection.get(d), b * h, row, d * h, h);
            }
            out.add(row);
        }
        return out;
    }

    private static List<Object> steps(PackedSequence packed) {
        List<Object> out = new ArrayList<>();
        for (Tensor seq : Packing.unpackSequence(packed)) {   // (L_i, F) each, in the input order
            int len = seq.size(0);
            int f = seq.size(1);
            float[] all = seq.contiguous().toFloatArray();
            float[][] rows = new float[len][];
            for (int t = 0; t < len; t++) {
                rows[t] = java.util.Arrays.copyOfRange(all, t * f, (t + 1) * f);
            }
            out.add(rows);
        }
        return out;
    }
}
