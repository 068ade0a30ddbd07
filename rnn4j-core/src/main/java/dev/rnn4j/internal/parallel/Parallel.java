package dev.rnn4j.internal.parallel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread pool of rnn4j, like {@code torch.set_num_threads}: kernels split big loops over it.
 *
 * <p>Bodies must give the same result however [0,n) is cut, because the cut depends on the thread count and on
 * timing: chunks are handed out dynamically so a core slowed by a neighbour does not hold up the rest.
 *
 * <p>A recurrent step opens a few parallel regions of a few hundred microseconds each, so the hand-off must cost
 * far less than that: like an OpenMP runtime, the workers are long-lived threads that spin for a while on the
 * next job before they park, and the caller publishes a job by writing one field, with no queue, future or
 * allocation beyond the job itself. One caller at a time uses the pool; a second caller, or a body that calls
 * back in, runs its loop inline.
 */
public final class Parallel {
    /**
     * How long an idle worker (and a caller waiting for the last chunks) spins before it parks; like an OpenMP
     * runtime's spin count, long enough to span the serial code between the regions of a step (measured,
     * lstm_medium infer on 2 threads: 100 µs 16-19 ms/op, 1000 µs 14-16 ms/op).
     */
    static final long SPIN_NANOS = Long.getLong("rnn4j.parallel.spinMicros", 1000L) * 1000L;

    private static volatile int numThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static Pool pool; // numThreads - 1 workers; the caller is the last one; guarded by Parallel.class

    private Parallel() {}

    /** Sets how many threads (the caller included) run a {@link #parallelFor}. */
    public static synchronized void setNumThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Number of threads must be positive, got " + n);
        }
        if (n != numThreads && pool != null) {
            pool.shutdown(); // idle workers exit; running chunks finish
            pool = null;
        }
        numThreads = n;
    }

    public static int getNumThreads() {
        return numThreads;
    }

    /** Runs body over [0,n) in chunks of about grain indices or more; inline when that cannot pay. */
    public static void parallelFor(int n, int grain, IntRangeBody body) {
        int g = Math.max(1, grain);
        run(n, g, (int) Math.min((n + (long) g - 1) / g, 4L * numThreads), body);
    }

    private static void run(int n, int grain, int chunks, IntRangeBody body) {
        if (n <= 0) {
            return;
        }
        // a worker that calls back in runs inline: waiting on its own pool could deadlock
        if (numThreads == 1 || n <= grain || chunks < 2 || Thread.currentThread() instanceof Worker) {
            body.run(0, n);
            return;
        }
        Pool p = pool();
        if (!p.busy.compareAndSet(false, true)) { // another caller (or this one, nested) holds the pool
            body.run(0, n);
            return;
        }
        try {
            p.run(new Job(body, n, chunks, Thread.currentThread()));
        } finally {
            p.busy.set(false);
        }
    }

    private static void rethrow(Throwable failure) {
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new RuntimeException(failure);
        }
    }

    private static synchronized Pool pool() {
        if (pool == null) {
            pool = new Pool(Math.max(1, numThreads - 1));
        }
        return pool;
    }

    /**
     * One parallelFor: chunks are claimed in order from next and counted in done, whoever runs them.
     */
    private static final class Job {
        final IntRangeBody body;
        final int n, chunks;
        final Thread caller;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        volatile Throwable failure;
        volatile boolean callerParked;

        Job(IntRangeBody body, int n, int chunks, Thread caller) {
            this.body = body;
            this.n = n;
            this.chunks = chunks;
            this.caller = caller;
        }

        /** The next chunk to run, or -1 when none is left. */
        private int claim() {
            int c = next.getAndIncrement();
            return c < chunks ? c : -1;
        }

        /** Runs chunks until none is left. */
        void drain() {
            int finished = 0;
            for (int c; (c = claim()) >= 0; ) {
                try {
                    body.run((int) ((long) c * n / chunks), (int) ((long) (c + 1) * n / chunks));
                } catch (Throwable e) {
                    if (failure == null) {
                        failure = e;
                    }
                }
                finished++;
            }
            if (finished > 0 && done.addAndGet(finished) == chunks && Thread.currentThread() != caller
                    && callerParked) {
                LockSupport.unpark(caller);
            }
        }

        /** The caller waits for chunks other threads claimed: they write into its arrays. */
        void await() {
            if (done.get() == chunks) {
                return;
            }
            long deadline = System.nanoTime() + SPIN_NANOS;
            while (done.get() != chunks) {
                if (System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                } else {
                    callerParked = true;
                    if (done.get() != chunks) {
                        LockSupport.park(this); // interrupts are ignored: never leave before the chunks finish
                    }
                }
            }
        }
    }

    private static final class Pool {
        final AtomicBoolean busy = new AtomicBoolean();
        final Worker[] workers;
        volatile Job job;
        volatile long epoch;
        volatile boolean stopped;

        Pool(int size) {
            workers = new Worker[size];
            for (int i = 0; i < size; i++) {
                workers[i] = new Worker(this);
                workers[i].start();
            }
        }

        void run(Job j) {
            job = j;
            epoch++; // only the holder of busy writes it
            for (Worker w : workers) {
                if (w.parked) {
                    LockSupport.unpark(w);
                }
            }
            j.drain();
            j.await();
            rethrow(j.failure);
        }

        void shutdown() {
            stopped = true;
            for (Worker w : workers) {
                LockSupport.unpark(w);
            }
        }
    }

    /** A pool thread: waits for the next epoch, spinning first, and drains its job. */
    private static final class Worker extends Thread {
        private static final AtomicInteger COUNT = new AtomicInteger();
        final Pool pool;
        volatile boolean parked;

        Worker(Pool pool) {
            super("rnn4j-parallel-" + COUNT.incrementAndGet());
            this.pool = pool;
            setDaemon(true); // the pool must never keep the JVM alive
        }

        @Override
        public void run() {
            long seen = pool.epoch;
            while (!pool.stopped) {
                long e = pool.epoch;
                if (e != seen) {
                    seen = e;
                    pool.job.drain();
                    continue;
                }
                long deadline = System.nanoTime() + SPIN_NANOS;
                while (pool.epoch == seen && !pool.stopped && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                if (pool.epoch == seen && !pool.stopped) {
                    parked = true;
                    if (pool.epoch == seen && !pool.stopped) {
                        LockSupport.park(this);
                    }
                    parked = false;
                }
            }
        }
    }
}
