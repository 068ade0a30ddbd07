package dev.rnn4j.spark;

import java.io.Serializable;

/**
 * Which module a weights file holds: a character model of {@code rnn4j train} ({@link #charModel()}, whose
 * configuration and vocabulary are in its safetensors metadata, as {@code charlm.Checkpoint} writes
 * {@code model.safetensors}), or a plain {@code RNN}/{@code LSTM}/{@code GRU} ({@link #recurrent}) whose state dict
 * is in a safetensors or {@code .pt} file, under {@code prefix} (e.g. {@code "rnn."} for a model's
 * {@code self.rnn}; a {@code .pt} holding {@code {"state_dict": …}} is looked into).
 *
 * @param kind "charlm", "rnn", "lstm" or "gru"
 */
public record ModelSpec(String kind, int inputSize, int hidden, int layers, boolean bidirectional, String prefix)
        implements Serializable {

    public ModelSpec {
        if (!kind.equals("charlm")) {
            if (!kind.equals("rnn") && !kind.equals("lstm") && !kind.equals("gru")) {
                throw new IllegalArgumentException("model kind must be charlm, rnn, lstm or gru, got '" + kind + "'");
            }
            if (inputSize <= 0 || hidden <= 0 || layers <= 0) {
                throw new IllegalArgumentException("input size, hidden size and layers must be positive, got "
                        + inputSize + ", " + hidden + " and " + layers);
            }
        }
        if (prefix == null) {
            throw new IllegalArgumentException("the state-dict prefix is \"\" for none, not null");
        }
    }

    /** A character model; everything else comes from the file's metadata. */
    public static ModelSpec charModel() {
        return new ModelSpec("charlm", 0, 0, 0, false, "");
    }

    /** A plain recurrent module of {@code kind} "rnn", "lstm" or "gru", its state dict at the file's top level. */
    public static ModelSpec recurrent(String kind, int inputSize, int hidden, int layers, boolean bidirectional) {
        return new ModelSpec(kind, inputSize, hidden, layers, bidirectional, "");
    }

    /** The same module, its state dict under {@code prefix} in the file. */
    public ModelSpec withPrefix(String prefix) {
        return new ModelSpec(kind, inputSize, hidden, layers, bidirectional, prefix);
    }

    public boolean isCharModel() {
        return kind.equals("charlm");
    }
}
