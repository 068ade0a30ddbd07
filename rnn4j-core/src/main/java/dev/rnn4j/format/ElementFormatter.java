package dev.rnn4j.format;

/** PyTorch's {@code _Formatter}: one column width and one notation for a whole tensor. */
interface ElementFormatter {

    /** Width every element is padded to ({@code _Formatter.width()}). */
    int width();

    /** The element at {@code position} of the backing array, padded to {@link #width()}. */
    String format(int position);
}
