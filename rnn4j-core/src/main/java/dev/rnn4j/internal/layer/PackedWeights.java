package dev.rnn4j.internal.layer;

import dev.rnn4j.Tensor;
import dev.rnn4j.internal.kernel.gemm.Arithmetic;
import dev.rnn4j.internal.kernel.gemm.Gemm;
import dev.rnn4j.internal.kernel.gemm.PackedMatrix;
import dev.rnn4j.internal.storage.Storage;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * A weight laid out for the GEMM (op(B) = Wᵀ), kept from one run without a backward pass to the next while the
 * weight is unchanged: inference packed every weight on every call (0.4 ms of a 6 ms LSTM(256, 256) forward, 3 ms
 * of the 1024-wide one's). An entry holds while the tensor's version, the GEMM that packed it and the arithmetic are
 * the same; it goes with the weight's array (weak key). Its cost is a second copy of each weight used this way.
 */
final class PackedWeights {
    private record Entry(int version, Gemm gemm, boolean exact, int k, int n, PackedMatrix packed) {
    }

    private static final Map<float[], Entry> CACHE = Collections.synchronizedMap(new WeakHashMap<>());

    private PackedWeights() {
    }

    /**
     * op(B) = wᵀ (k×n) for w (n, k) whose row-major values are {@code values}: from the cache when {@code reuse}
     * and values is w's own array, else packed afresh. A run with a backward pass (reuse false) packs weights that
     * change every step and keeps nothing: its packs lie in scratch buffers, which it hands back with
     * {@link #release} when its forward ends.
     */
    static PackedMatrix transposed(Gemm gemm, Tensor w, float[] values, int k, int n, boolean reuse) {
        if (!reuse) {
            return gemm.pack(true, k, n, values, 0, k, ScratchPool::take);
        }
        if (w == null || Storage.read(w) != values) {
            return gemm.pack(true, k, n, values, 0, k);
        }
        boolean exact = Arithmetic.exact();
        int version = w.version();
        Entry e = CACHE.get(values);
        if (e != null && e.version == version && e.gemm == gemm && e.exact == exact && e.k == k && e.n == n) {
            return e.packed;
        }
        PackedMatrix packed = gemm.pack(true, k, n, values, 0, k);
        CACHE.put(values, new Entry(version, gemm, exact, k, n, packed));
        return packed;
    }

    /** Hands back the buffers of packs made with reuse false; nulls are skipped. */
    static void release(PackedMatrix... packs) {
        for (PackedMatrix m : packs) {
            if (m != null) {
                ScratchPool.give(m.data);
            }
        }
    }
}
