package dev.rnn4j.format;

import java.util.List;

/**
 * {@code _add_suffixes}: appends ", suffix" after the tensor text, moving a suffix to a new
 * line (indented to the column after "tensor(") when it would pass the line width.
 */
final class Suffixes {

    private Suffixes() {
    }

    /** {@code text} starts with the prefix; the result ends with the closing ")". */
    static String add(String text, List<String> suffixes, int indent, int linewidth) {
        StringBuilder out = new StringBuilder(text);
        // PyTorch's count: rfind gives -1 on a single line, so this is len+2 there,
        // and one more than the last line's length otherwise. Kept as is to wrap alike.
        int lastLineLength = text.length() - text.lastIndexOf('\n') + 1;
        for (String suffix : suffixes) {
            if (lastLineLength + suffix.length() + 2 > linewidth) {
                out.append(",\n").append(" ".repeat(indent)).append(suffix);
                lastLineLength = indent + suffix.length();
            } else {
                out.append(", ").append(suffix);
                lastLineLength += suffix.length() + 2;
            }
        }
        return out.append(')').toString();
    }
}
