package dev.rnn4j.spark;

/** What a scored row gets in its new column. */
public enum ScoreOutput {
    /** The last layer's state after the sequence's own last step (both directions side by side): array of floats. */
    HIDDEN,
    /** The recurrent module's output at every step: an array of arrays of floats, one per step. */
    OUTPUTS,
    /** A character model's head, the logits for the next character at every step: one array of floats per step. */
    LOGITS
}
