package dev.rnn4j.random;

import java.util.Arrays;

/**
 * The 32-bit Mersenne Twister (MT19937) exactly as PyTorch's {@code at::mt19937} runs it.
 *
 * <p>PyTorch keeps a countdown {@code left} and a read index {@code next} instead of the
 * reference implementation's single index; both are kept here so that a state snapshot
 * means the same thing as PyTorch's. Not thread-safe: {@link Generator} guards it.
 */
public final class Mt19937 {

    /** Words of state. */
    public static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] state = new int[N];
    private long seed;
    private int left;
    private int next;

    /** An engine seeded with {@code seed} (only its low 32 bits reach the state). */
    public Mt19937(long seed) {
        seed(seed);
    }

    /** Knuth-style {@code init_genrand} seeding; the full 64-bit seed is remembered. */
    public void seed(long seed) {
        this.seed = seed;
        state[0] = (int) seed;
        for (int j = 1; j < N; j++) {
            int prev = state[j - 1];
            state[j] = 1812433253 * (prev ^ (prev >>> 30)) + j;
        }
        // left = 1 makes the first draw twist the freshly seeded state.
        left = 1;
        next = 0;
    }

    /** The seed last given, all 64 bits. */
    public long seed() {
        return seed;
    }

    /** One tempered 32-bit output, as int bits. */
    public int nextInt() {
        if (--left == 0) {
            twist();
        }
        int y = state[next++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    private void twist() {
        left = N;
        next = 0;
        for (int i = 0; i < N; i++) {
            int y = (state[i] & UPPER_MASK) | (state[(i + 1) % N] & LOWER_MASK);
            int mag = (y & 1) == 0 ? 0 : MATRIX_A;
            state[i] = state[(i + M) % N] ^ (y >>> 1) ^ mag;
        }
    }

    /** A copy of the 624 state words. */
    public int[] stateWords() {
        return state.clone();
    }

    /** Draws left before the next twist (PyTorch's {@code left_}). */
    public int left() {
        return left;
    }

    /** Index of the next state word to temper (PyTorch's {@code next_}). */
    public int next() {
        return next;
    }

    /** Overwrites the whole engine state; the inverse of the three getters above. */
    public void restore(long seed, int[] words, int left, int next) {
        if (words.length != N || left < 1 || left > N || next < 0 || next > N) {
            throw new IllegalArgumentException("invalid MT19937 state");
        }
        this.seed = seed;
        System.arraycopy(words, 0, state, 0, N);
        this.left = left;
        this.next = next;
    }

    /** An independent engine in the same state. */
    public Mt19937 copy() {
        Mt19937 c = new Mt19937(0);
        c.restore(seed, state, left, next);
        return c;
    }

    @Override
    public String toString() {
        return "Mt19937[seed=" + Long.toUnsignedString(seed) + ", next=" + next + ", state[0..4]="
                + Arrays.toString(Arrays.copyOf(state, 4)) + "]";
    }
}
