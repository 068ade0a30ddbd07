package dev.rnn4j.charlm;

import dev.rnn4j.LongTensor;
import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.nn.Embedding;
import dev.rnn4j.nn.GRU;
import dev.rnn4j.nn.LSTM;
import dev.rnn4j.nn.Linear;
import dev.rnn4j.nn.Module;
import dev.rnn4j.nn.RNN;
import dev.rnn4j.nn.RNNBase;
import dev.rnn4j.nn.SingleStateRNN;

import java.util.Map;

/**
 * A character-level language model: Embedding(V, embed) → RNN/LSTM/GRU(embed, hidden, layers, dropout) →
 * Linear(hidden, V), built in that order from the default generator, with PyTorch's state-dict names
 * ({@code embed.weight}, {@code rnn.weight_ih_l0}, …, {@code head.weight}) — the model of
 * {@code tools/bench/charlm_torch.py}.
 */
public final class CharModel extends Module {

    /** The architecture: "rnn", "lstm" or "gru", the vocabulary size and the layer sizes. */
    public record Config(String kind, int vocabSize, int embed, int hidden, int layers, double dropout) {
        public Config {
            if (!kind.equals("rnn") && !kind.equals("lstm") && !kind.equals("gru")) {
                throw new IllegalArgumentException("model must be rnn, lstm or gru, got '" + kind + "'");
            }
            positive("vocabulary size", vocabSize);
            positive("embed", embed);
            positive("hidden", hidden);
            positive("layers", layers);
            if (!(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
            }
        }

        private static void positive(String what, int v) {
            if (v <= 0) {
                throw new IllegalArgumentException(what + " must be positive, got " + v);
            }
        }

        /** The configuration as text values (a safetensors header's metadata, a config file). */
        public Map<String, String> toStrings() {
            return Map.of("model", kind, "vocab_size", Integer.toString(vocabSize), "embed", Integer.toString(embed),
                    "hidden", Integer.toString(hidden), "layers", Integer.toString(layers),
                    "dropout", Double.toString(dropout));
        }

        /** The configuration {@link #toStrings} wrote; a missing or malformed entry is named. */
        public static Config fromStrings(Map<String, String> m) {
            return new Config(text(m, "model"), integer(m, "vocab_size"), integer(m, "embed"), integer(m, "hidden"),
                    integer(m, "layers"), Double.parseDouble(text(m, "dropout")));
        }

        private static String text(Map<String, String> m, String key) {
            String v = m.get(key);
            if (v == null) {
                throw new IllegalArgumentException("model configuration lacks '" + key + "'");
            }
            return v;
        }

        private static int integer(Map<String, String> m, String key) {
            try {
                return Integer.parseInt(text(m, key));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("model configuration has a bad '" + key + "': " + m.get(key));
            }
        }
    }

    /** The recurrent state between calls: h, and c for an LSTM (else null). */
    public record State(Tensor h, Tensor c) {
    }

    /** Logits (T, N, V) for every input position, and the state after the last one. */
    public record Output(Tensor logits, State state) {
    }

    private final Config config;
    private final Embedding embed;
    private final RNNBase rnn;
    private final Linear head;

    public CharModel(Config config) {
        this.config = config;
        embed = registerModule("embed", new Embedding(config.vocabSize(), config.embed()));
        rnn = registerModule("rnn", recurrent(config));
        head = registerModule("head", new Linear(config.hidden(), config.vocabSize()));
    }

    private static RNNBase recurrent(Config c) {
        return switch (c.kind()) {
            case "rnn" -> RNN.builder(c.embed(), c.hidden()).numLayers(c.layers()).dropout(c.dropout()).build();
            case "lstm" -> LSTM.builder(c.embed(), c.hidden()).numLayers(c.layers()).dropout(c.dropout()).build();
            default -> GRU.builder(c.embed(), c.hidden()).numLayers(c.layers()).dropout(c.dropout()).build();
        };
    }

    public Config config() {
        return config;
    }

    /** Logits (T, N, V) for character ids (T, N), from a zero state. */
    public Tensor forward(LongTensor ids) {
        return forward(ids, null).logits();
    }

    /** Logits (T, N, V) for character ids (T, N), from {@code state} (null: zeros). */
    public Output forward(LongTensor ids, State state) {
        Tensor x = embed.forward(ids);
        Tensor out;
        State next;
        if (rnn instanceof LSTM lstm) {
            LSTM.Output o = lstm.forward(x, state == null ? null : state.h(), state == null ? null : state.c());
            out = o.output();
            next = new State(o.hidden(), o.cell());
        } else {
            SingleStateRNN.Output o = ((SingleStateRNN) rnn).forward(x, state == null ? null : state.h());
            out = o.output();
            next = new State(o.hidden(), null);
        }
        return new Output(head.forward(out), next);
    }

    /** A zero state for {@code batch} sequences. */
    public State zeroState(int batch) {
        Tensor h = Torch.zeros(config.layers(), batch, config.hidden());
        return new State(h, rnn instanceof LSTM ? Torch.zeros(config.layers(), batch, config.hidden()) : null);
    }
}
