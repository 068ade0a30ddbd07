package dev.rnn4j.internal.layer;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Float buffers a layer run needs only while it runs or until its backward pass, kept for the next run instead of
 * allocated afresh (PyTorch's caching allocator does the same). A fresh array costs far more than its size
 * suggests: the JVM zeroes it, and the first writes to memory that no cache holds go to DRAM (measured here: a
 * GEMM writing 13 MB takes 3.1 ms into a reused array, 6.3 ms into a new one; a training step of the character
 * model allocated 63 MB).
 *
 * <p>The buffers waiting here are live data to the GC, so the pool holds at most a quarter of the heap the JVM has
 * committed (and an eighth of its maximum): G1 starts a marking cycle at any large allocation once its old
 * generation passes 45% of the heap, and a pool full of one model's buffers, with the next model's outputs, kept it
 * there: a young collection every few calls, which made G1 double the heap, and then page faults while the new
 * memory was touched the first time (a medium bidirectional LSTM run 2-4x slow for seconds after a character model
 * in one JVM). Over that budget the sizes least recently asked for go first, to the GC.
 *
 * <p>A taken buffer holds what its last user left: callers write every element before they read it. Tests set
 * {@link #poison} to fill each taken buffer with NaN, so a read before a write shows in the results.
 */
final class ScratchPool {
    /** At most this many bytes wait in the pool, whatever the heap committed. */
    private static final long MAX_BYTES = Runtime.getRuntime().maxMemory() / 8;
    /** Below this many floats a buffer is cheaper to allocate than to look up. */
    private static final int MIN_FLOATS = 1 << 12;
    /** Buffers by size, the sizes in the order they were last asked for (least recent first). */
    private static final LinkedHashMap<Integer, ArrayDeque<float[]>> FREE = new LinkedHashMap<>(16, 0.75f, true);
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
        giveWithin(Math.min(MAX_BYTES, Runtime.getRuntime().totalMemory() / 4), buffers);
    }

    /** {@link #give}, the pool holding at most budget bytes. */
    static synchronized void giveWithin(long budget, float[]... buffers) {
        for (float[] a : buffers) {
            if (a == null || a.length < MIN_FLOATS) {
                continue;
            }
            evict(budget - 4L * a.length, a.length);
            if (bytes + 4L * a.length <= budget) {
                FREE.computeIfAbsent(a.length, k -> new ArrayDeque<>()).push(a);
                bytes += 4L * a.length;
            }
        }
    }

    /** Drops buffers of the least recently asked-for sizes, but n's, until at most limit bytes wait. */
    private static void evict(long limit, int n) {
        Iterator<Map.Entry<Integer, ArrayDeque<float[]>>> it = FREE.entrySet().iterator();
        while (bytes > limit && it.hasNext()) {
            Map.Entry<Integer, ArrayDeque<float[]>> e = it.next();
            if (e.getKey() == n) {
                continue;
            }
            bytes -= 4L * e.getKey() * e.getValue().size();
            it.remove();
        }
    }
}
