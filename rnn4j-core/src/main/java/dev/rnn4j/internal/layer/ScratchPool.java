package dev.rnn4j.internal.layer;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Float buffers a layer run needs only while it runs or until its backward pass, kept for the next run instead of
 * allocated afresh (PyTorch's caching allocator does the same). A fresh array costs far more than its size
 * suggests: the JVM zeroes it, and the first writes to memory that no cache holds go to DRAM (measured here: a
 * GEMM writing 13 MB takes 3.1 ms into a reused array, 6.3 ms into a new one; a training step of the character
 * model allocated 63 MB).
 *
 * <p>A taken buffer holds what its last user left: callers write every element before they read it. Tests set
 * {@link #poison} to fill each taken buffer with NaN, so a read before a write shows in the results.
 */
final class ScratchPool {
    /** At most this many bytes wait in the pool; a buffer given beyond that is left to the GC. */
    private static final long MAX_BYTES = Runtime.getRuntime().maxMemory() / 8;
    /** Below this many floats a buffer is cheaper to allocate than to look up. */
    private static final int MIN_FLOATS = 1 << 12;
    private static final Map<Integer, ArrayDeque<float[]>> FREE = new HashMap<>();
    private static long bytes;
    static volatile boolean poison;

    private ScratchPool() {
    }

    /** A buffer of exactly n floats, with arbitrary contents. */
    static float[] take(int n) {
        float[] a = null;
        if (n >= MIN_FLOATS) {
            synchronized (ScratchPool.class) {
                ArrayDeque<float[]> free = FREE.get(n);
                a = free == null ? null : free.poll();
                if (a != null) {
                    bytes -= 4L * n;
                }
            }
        }
        if (a == null) {
            a = new float[n];
        }
        if (poison) {
            java.util.Arrays.fill(a, Float.NaN);
        }
        return a;
    }

    /** Hands buffers back; none may be used by its giver afterwards. Nulls are skipped. */
    static void give(float[]... buffers) {
        synchronized (ScratchPool.class) {
            for (float[] a : buffers) {
                if (a != null && a.length >= MIN_FLOATS && bytes + 4L * a.length <= MAX_BYTES) {
                    FREE.computeIfAbsent(a.length, k -> new ArrayDeque<>()).push(a);
                    bytes += 4L * a.length;
                }
            }
        }
    }
}
