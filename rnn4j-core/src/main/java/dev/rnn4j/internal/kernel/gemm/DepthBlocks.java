package dev.rnn4j.internal.kernel.gemm;

/**
 * How a sum over the depth k is cut into blocks: into equal blocks of at most {@link #MAX} terms (no thin last
 * one), a function of k alone. The vector GEMM's packing follows it (a block of B fits the L2 cache) and so does
 * the default arithmetic's rounding (see {@link Arithmetic}), in every implementation alike.
 */
public final class DepthBlocks {
    public static final int MAX = 256;

    private DepthBlocks() {
    }

    /** The depth of every block but maybe the last. k ≥ 1. */
    public static int size(int k) {
        int blocks = (k + MAX - 1) / MAX;
        return (k + blocks - 1) / blocks;
    }
}
