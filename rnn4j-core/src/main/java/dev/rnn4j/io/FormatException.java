package dev.rnn4j.io;

import java.io.IOException;

/**
 * A file that rnn4j cannot read as what it claims to be: truncated, malformed, inconsistent
 * (offsets overlapping, a storage shorter than its tensors), or holding something rnn4j does
 * not support (an unknown dtype, a sparse tensor). Every reader in this package reports bad
 * input with this checked exception (or its subclass {@link UnsafePickleException}), never
 * with another exception type, and reports it before allocating anything the file cannot
 * back. The message is one line naming the problem.
 */
public class FormatException extends IOException {

    public FormatException(String message) {
        super(message);
    }

    public FormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
