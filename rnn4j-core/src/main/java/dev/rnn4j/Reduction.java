package dev.rnn4j;

import java.util.Locale;

/**
 * How a loss reduces its per-element values: ATen's {@code at::Reduction}, the {@code reduction=} argument of
 * torch.nn's losses. It lives beside the tensor ops because {@link Torch#nllLoss} (ATen's {@code nll_loss_nd})
 * takes it, as in PyTorch.
 */
public enum Reduction {
    /** The per-element losses, unreduced. */
    NONE,
    /** Their (weighted) mean. */
    MEAN,
    /** Their sum. */
    SUM;

    /** {@code "none"}, {@code "mean"} or {@code "sum"}, with PyTorch's message for anything else. */
    public static Reduction of(String name) {
        for (Reduction r : values()) {
            if (r.toString().equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException(name + " is not a valid value for reduction");
    }

    /** PyTorch's spelling: {@code none}, {@code mean}, {@code sum}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
