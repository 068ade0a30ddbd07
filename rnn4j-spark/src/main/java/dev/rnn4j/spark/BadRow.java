package dev.rnn4j.spark;

/** Why a row got a null result instead of a score; each reason is counted (see {@link SequenceScorer#badRows()}). */
public enum BadRow {
    /** The column is null. */
    NULL,
    /** An empty sequence: there is no step to run. */
    EMPTY,
    /** Not a sequence this model reads: a null element, a token id or character outside the vocabulary, a float
     * array whose length is not a multiple of the input size, a value of another type. */
    MALFORMED,
    /** More steps than the configured limit. */
    TOO_LONG;

    /** The accumulator's name: {@code rnn4j.bad_rows.malformed}. */
    String counterName() {
        return "rnn4j.bad_rows." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
