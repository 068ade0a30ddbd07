package dev.rnn4j.cli.bench;

import java.util.function.Supplier;

/**
 * A library that runs the workloads: rnn4j itself ({@link Rnn4jPeer}) or one it is compared with. A JVM peer is a
 * class with a {@code main} that hands itself to {@link PeerMain#run}, so every side is timed by the same loop.
 */
public interface Peer {

    /** A short name for tables: "rnn4j", "python", "bytedeco", "djl", "dl4j". */
    String name();

    /** The library's version and build, as the table's notes print it. */
    String version();

    /** Sets the library's intra-op threads before any workload runs. */
    void setThreads(int threads);

    /**
     * One call of the workload in the mode, built with fresh random weights and input (L, N, I): each get() is one
     * timed call and returns the output, which the timing loop keeps so nothing is optimised away.
     *
     * @throws UnsupportedOperationException when the library has no such module; its message says what is missing
     */
    Supplier<Object> prepare(Workload workload, Workload.Mode mode);
}
