package dev.rnn4j.format;

import java.util.ArrayList;
import java.util.List;

/**
 * The bracket layout of {@code _tensor_str_with_formatter}: a 0-d tensor is its one element,
 * a vector is wrapped to the line width, and a k-d tensor joins its slices with ","
 * then k-1 newlines, so 3-d blocks are separated by one blank line and 4-d by two.
 */
final class TensorLayout {

    private final ElementFormatter formatter;
    private final Summary summary;
    private final int linewidth;

    TensorLayout(ElementFormatter formatter, Summary summary, int linewidth) {
        this.formatter = formatter;
        this.summary = summary;
        this.linewidth = linewidth;
    }

    /** The text of a non-empty view whose first "[" is at column {@code indent}. */
    String render(StridedView view, int indent) {
        if (view.dim() == 0) {
            return formatter.format(view.offset());
        }
        return view.dim() == 1 ? vector(view, indent) : blocks(view, indent);
    }

    /** {@code _vector_str}: elements in lines of a fixed count; " ..." counts as one. */
    private String vector(StridedView view, int indent) {
        int elementLength = formatter.width() + 2;
        int perLine = Math.max(1, Math.floorDiv(linewidth - indent, elementLength));
        List<String> items = new ArrayList<>();
        int size = view.size(0);
        for (int i = 0; i < summary.head(size); i++) {
            items.add(formatter.format(view.position(i)));
        }
        if (summary.elides(size)) {
            items.add(" ...");
        }
        for (int i = summary.tailStart(size); i < size; i++) {
            items.add(formatter.format(view.position(i)));
        }
        List<String> lines = new ArrayList<>();
        for (int start = 0; start < items.size(); start += perLine) {
            lines.add(String.join(", ", items.subList(start, Math.min(start + perLine, items.size()))));
        }
        return "[" + String.join(",\n" + " ".repeat(indent + 1), lines) + "]";
    }

    /** The k-d case: each slice one column further in; "..." stands for elided slices. */
    private String blocks(StridedView view, int indent) {
        List<String> slices = new ArrayList<>();
        int size = view.size(0);
        for (int i = 0; i < summary.head(size); i++) {
            slices.add(render(view.select(i), indent + 1));
        }
        if (summary.elides(size)) {
            slices.add("...");
        }
        for (int i = summary.tailStart(size); i < size; i++) {
            slices.add(render(view.select(i), indent + 1));
        }
        String separator = "," + "\n".repeat(view.dim() - 1) + " ".repeat(indent + 1);
        return "[" + String.join(separator, slices) + "]";
    }
}
