package dev.rnn4j.internal.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParallelTest {
    private final int defaultThreads = Parallel.getNumThreads();

    @AfterEach
    void restore() {
        Parallel.setNumThreads(defaultThreads);
    }

    @Test
    void defaultIsProcessorCount() {
        assertEquals(Runtime.getRuntime().availableProcessors(), defaultThreads);
    }

    @Test
    void rejectsNonPositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parallel.setNumThreads(0));
        assertTrue(e.getMessage().contains("Number of threads must be positive"));
    }

    @Test
    void coversEveryIndexOnce() {
        for (int threads : new int[] {1, 2, 3}) {
            Parallel.setNumThreads(threads);
            for (int n : new int[] {0, 1, 7, 1000}) {
                AtomicIntegerArray hits = new AtomicIntegerArray(n);
                Parallel.parallelFor(n, 3, (s, e) -> {
                    for (int i = s; i < e; i++) {
                        hits.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < n; i++) {
                    assertEquals(1, hits.get(i));
                }
            }
        }
    }

    /** One chunk per thread, each index once, whoever ran which chunk (a late thread's chunk is taken by another). */
    @Test
    void oneRunPerThreadCoversEveryIndexOnce() {
        // the grain a small-batch GEMM gives: one run of tasks per thread
        for (int threads : new int[] {1, 2, 3}) {
            Parallel.setNumThreads(threads);
            for (int n : new int[] {0, 1, 2, 7, 8, 1000}) {
                AtomicIntegerArray hits = new AtomicIntegerArray(n);
                Parallel.parallelFor(n, (n + threads - 1) / threads, (s, e) -> {
                    for (int i = s; i < e; i++) {
                        hits.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < n; i++) {
                    assertEquals(1, hits.get(i), threads + " threads, n " + n + ", index " + i);
                }
            }
        }
    }

    @Test
    void nestedRunsInlineWithoutDeadlock() {
        Parallel.setNumThreads(2);
        AtomicIntegerArray hits = new AtomicIntegerArray(100);
        Parallel.parallelFor(10, 1, (s, e) -> {
            for (int i = s; i < e; i++) {
                int row = i;
                Parallel.parallelFor(10, 1, (s2, e2) -> {
                    for (int j = s2; j < e2; j++) {
                        hits.incrementAndGet(row * 10 + j);
                    }
                });
            }
        });
        for (int i = 0; i < 100; i++) {
            assertEquals(1, hits.get(i));
        }
    }

    @Test
    void exceptionsReachTheCaller() {
        Parallel.setNumThreads(2);
        assertThrows(IllegalStateException.class, () -> Parallel.parallelFor(100, 1, (s, e) -> {
            if (s > 50) {
                throw new IllegalStateException("boom");
            }
        }));
    }
}
