package dev.rnn4j.internal.layer;

import dev.rnn4j.internal.parallel.IntRangeBody;
import dev.rnn4j.internal.parallel.Parallel;

/**
 * Splits a layer run's sequences over the pool: a sequence's steps depend on its own earlier steps only, so each
 * thread can run every step, forward or backward, for its own rows with no barrier between steps (one parallel
 * region per run instead of two or three per step). Each row gets the same arithmetic whoever runs it.
 */
final class BatchSplit {
    /** Rows a thread needs for its step products to keep the GEMM's register tile full (the tile height). */
    static final int MIN_ROWS = 8;
    /** Below this many multiply-adds per step the serial loop is cheaper than waking another thread. */
    static final long MIN_STEP_FMAS = 1L << 20;

    private BatchSplit() {
    }

    /** Runs body over the sequences [0, batch), split over the pool when each step is big enough to share. */
    static void run(int batch, int gh, int hr, IntRangeBody body) {
        int parts = Math.min(Parallel.getNumThreads(), batch / MIN_ROWS);
        if (parts < 2 || (long) batch * gh * hr < MIN_STEP_FMAS) {
            body.run(0, batch);
            return;
        }
        Parallel.parallelFor(batch, (batch + parts - 1) / parts, body);
    }
}
