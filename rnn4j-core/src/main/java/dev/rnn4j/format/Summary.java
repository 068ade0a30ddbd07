package dev.rnn4j.format;

import java.util.function.IntConsumer;

/**
 * Which indices of a dimension are printed: all of them, or, when summarising a dimension
 * longer than {@code 2*edgeitems}, the first and last {@code edgeitems}
 * ({@code get_summarized_data} and the slicing in {@code _tensor_str_with_formatter}).
 */
final class Summary {

    private final boolean summarize;
    private final int edgeitems;

    Summary(boolean summarize, int edgeitems) {
        this.summarize = summarize;
        this.edgeitems = edgeitems;
    }

    /** True when a dimension of this size shows its edges around an ellipsis. */
    boolean elides(int size) {
        return summarize && size > 2 * edgeitems;
    }

    /** Number of leading indices shown before the ellipsis (all of them when none). */
    int head(int size) {
        return elides(size) ? edgeitems : size;
    }

    /** First index shown after the ellipsis ({@code size} when none). */
    int tailStart(int size) {
        return elides(size) ? size - edgeitems : size;
    }

    /**
     * Calls {@code action} with the storage position of every printed element. The
     * formatter is built from exactly these, so summarised values outside the edges
     * never widen the columns.
     */
    void forEachShown(StridedView view, IntConsumer action) {
        if (view.dim() == 0) {
            action.accept(view.offset());
            return;
        }
        int size = view.size(0);
        for (int i = 0; i < size; i = next(i, size)) {
            if (view.dim() == 1) {
                action.accept(view.position(i));
            } else {
                forEachShown(view.select(i), action);
            }
        }
    }

    /** The index after {@code i}, jumping over the elided middle. */
    private int next(int i, int size) {
        return i + 1 == head(size) ? tailStart(size) : i + 1;
    }
}
