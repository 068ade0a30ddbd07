package dev.rnn4j.autograd;

/** Whether operations record the graph, per thread, as PyTorch's grad mode. */
public final class GradMode {

    private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> Boolean.TRUE);

    private GradMode() {
    }

    public static boolean isEnabled() {
        return ENABLED.get();
    }

    public static void setEnabled(boolean enabled) {
        ENABLED.set(enabled);
    }

    /** A scope that sets grad mode and restores the previous mode when closed. */
    public static final class Scope implements AutoCloseable {
        private final boolean previous;

        public Scope(boolean enabled) {
            previous = isEnabled();
            setEnabled(enabled);
        }

        @Override
        public void close() {
            setEnabled(previous);
        }
    }
}
