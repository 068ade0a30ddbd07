package dev.rnn4j.kernel;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one thread pool of rnn4j, like {@code torch.set_num_threads}: kernels split big loops over it.
 *
 * <p>Bodies must give the same result however [0,n) is cut, because the cut depends on the thread count and on
 * timing: chunks are handed out dynamically so a core slowed by a neighbour does not hold up the rest.
 */
public final class Parallel {
    private static volatile int numThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static ExecutorService pool; // numThreads - 1 workers; the caller is the last one; guarded by Parallel.class

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
        if (n <= 0) {
            return;
        }
        int g = Math.max(1, grain);
        int threads = numThreads;
        // a worker that calls back in runs inline: waiting on its own pool could deadlock
        if (threads == 1 || n <= g || Thread.currentThread() instanceof Worker) {
            body.run(0, n);
            return;
        }
        int chunks = (int) Math.min((n + (long) g - 1) / g, 4L * threads);
        runChunks(n, chunks, Math.min(threads, chunks), body);
    }

    private static void runChunks(int n, int chunks, int participants, IntRangeBody body) {
        AtomicInteger next = new AtomicInteger();
        Runnable drain = () -> {
            for (int c; (c = next.getAndIncrement()) < chunks; ) {
                body.run((int) ((long) c * n / chunks), (int) ((long) (c + 1) * n / chunks));
            }
        };
        ExecutorService p = pool();
        Future<?>[] helpers = new Future<?>[participants - 1];
        for (int t = 0; t < helpers.length; t++) {
            helpers[t] = p.submit(drain);
        }
        Throwable failure = null;
        try {
            drain.run();
        } catch (Throwable e) {
            failure = e;
        }
        failure = await(helpers, failure);
        rethrow(failure);
    }

    private static Throwable await(Future<?>[] helpers, Throwable failure) {
        boolean interrupted = false;
        for (Future<?> f : helpers) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // chunks write into the caller's arrays: never leave before they finish
                } catch (java.util.concurrent.ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause();
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return failure;
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

    private static synchronized ExecutorService pool() {
        if (pool == null) {
            pool = Executors.newFixedThreadPool(Math.max(1, numThreads - 1), new WorkerFactory());
        }
        return pool;
    }

    /** Marks pool threads, so a nested parallelFor knows to run inline. */
    private static final class Worker extends Thread {
        Worker(Runnable r, String name) {
            super(r, name);
            setDaemon(true); // the pool must never keep the JVM alive
        }
    }

    private static final class WorkerFactory implements ThreadFactory {
        private static final AtomicInteger COUNT = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            return new Worker(r, "rnn4j-parallel-" + COUNT.incrementAndGet());
        }
    }
}
