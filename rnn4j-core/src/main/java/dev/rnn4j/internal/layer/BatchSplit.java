package dev.rnn4j.internal.layer;

import dev.rnn4j.internal.parallel.IntRangeBody;
import dev.rnn4j.internal.parallel.Parallel;

/**
 * Splits a layer run's sequences over the pool: a sequence's steps depend on its own earlier steps only, so each
 * thread can run every step, forward or backward, for its own rows with no barrier between steps (one parallel
 * region per run instead of two or three per step). Each row gets the same arithmetic whoever runs it.
 *
 * <p>Not when the weights a step reads outgrow a core's cache: each thread would stream all of them every step, for
 * half the rows. The steps then run one by one, each product split over the pool by columns (each thread reads half
 * the weights, and each strip of them meets all rows) and each gate loop by rows ({@code RowSplit}). Measured on 2
 * threads (AVX-512 host, JDK 17): LSTM 256 -> 1024, batch 64, forward 193-202 -> 145-146 ms, with backward 470-494 ->
 * 410-424; GRU of that size 347-353 -> 309-316 with backward; RNN 256 -> 1024 (5 MB of weights) and LSTM 65 -> 512
 * (4.7 MB) no faster, or slower.
 */
final class BatchSplit {
    /** Rows a thread needs for its step products to keep the GEMM's register tile full (the tile height). */
    static final int MIN_ROWS = 8;
    /** Below this many multiply-adds per step the serial loop is cheaper than waking another thread. */
    static final long MIN_STEP_FMAS = 1L << 20;

    private BatchSplit() {
    }

    /** From this many floats of weights read per step (8 MB), the steps' own work splits instead of the batch. */
    static final long MAX_STEP_WEIGHTS = 1L << 21;

    /**
     * Runs body over the sequences [0, batch), split over the pool when each step is big enough to share and its
     * weights (stepWeights floats, read every step) small enough for each thread to read them all.
     */
    static void run(int batch, int gh, int hr, long stepWeights, IntRangeBody body) {
        int parts = Math.min(Parallel.getNumThreads(), batch / MIN_ROWS);
        if (parts < 2 || (long) batch * gh * hr < MIN_STEP_FMAS || stepWeights >= MAX_STEP_WEIGHTS) {
            body.run(0, batch);
            return;
        }
        Parallel.parallelFor(batch, (batch + parts - 1) / parts, body);
    }
}
