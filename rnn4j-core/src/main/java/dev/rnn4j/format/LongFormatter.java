package dev.rnn4j.format;

/** {@code _Formatter} for integer tensors: {@code str(v)}, right-aligned to the widest. */
final class LongFormatter implements ElementFormatter {

    private final long[] data;
    private int width = 1;

    LongFormatter(long[] data, StridedView view, Summary summary) {
        this.data = data;
        summary.forEachShown(view, p -> width = Math.max(width, Long.toString(data[p]).length()));
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public String format(int position) {
        return PyNumberFormat.padLeft(Long.toString(data[position]), width);
    }
}
