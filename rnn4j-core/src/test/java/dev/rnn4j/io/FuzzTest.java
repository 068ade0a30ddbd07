package dev.rnn4j.io;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A seeded mutator over valid files: 10,000 mutated inputs through each reader (zip .pt,
 * legacy .pt, safetensors). Each must load or fail with the library's FormatException (or its
 * UnsafePickleException), never another exception, an Error, a long run or a large
 * allocation. A failure prints the reader, seed and iteration to replay it.
 */
class FuzzTest {

    private static final int RUNS = 10_000;
    private static final long MAX_NANOS = 2_000_000_000L;        // per input, generous for a GC pause
    private static final long MAX_ALLOCATED = 64L << 20;          // per input

    private interface Reader {
        void read(byte[] input) throws Exception;
    }

    @Test
    void zipCheckpoints() throws Exception {
        fuzz("zip .pt", 1, TorchFiles::load, "views.pt", "checkpoint_v2.pt", "gru_flat.pt", "views_deflated.pt");
    }

    @Test
    void legacyCheckpoints() throws Exception {
        fuzz("legacy .pt", 2, TorchFiles::load, "views_legacy.pt", "checkpoint_legacy.pt", "dtypes_legacy.pt");
    }

    @Test
    void safetensorsFiles() throws Exception {
        fuzz("safetensors", 3, SafeTensors::load, "dtypes.safetensors", "gru_flat.safetensors");
    }

    private static void fuzz(String what, long seed, Reader reader, String... seeds) throws Exception {
        byte[][] valid = new byte[seeds.length][];
        for (int i = 0; i < seeds.length; i++) {
            valid[i] = Files.readAllBytes(InterchangeGoldenTest.file(seeds[i]));
            reader.read(valid[i]);      // the seeds themselves load
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        SplittableRandom random = new SplittableRandom(seed);
        int loaded = 0;
        long slowest = 0;
        for (int run = 0; run < RUNS; run++) {
            byte[] input = mutate(valid[run % valid.length], random);
            long allocated = mx.getThreadAllocatedBytes(thread);
            long start = System.nanoTime();
            try {
                reader.read(input);
                loaded++;
            } catch (FormatException expected) {
                // the documented outcome for a damaged file
            } catch (Throwable t) {
                fail(what + " run " + run + " (seed " + seed + "): " + t, t);
            }
            long nanos = System.nanoTime() - start;
            slowest = Math.max(slowest, nanos);
            long bytes = mx.getThreadAllocatedBytes(thread) - allocated;
            assertTrue(nanos < MAX_NANOS, what + " run " + run + " took " + nanos / 1_000_000 + " ms");
            assertTrue(bytes < MAX_ALLOCATED, what + " run " + run + " allocated " + (bytes >> 20) + " MiB");
        }
        System.out.printf("fuzz %s: %d inputs, %d loaded, %d refused, slowest %.1f ms%n", what, RUNS, loaded,
                RUNS - loaded, slowest / 1e6);
    }

    /** One to four random edits: bit flips, special bytes and integers, truncation, deletion, duplication. */
    static byte[] mutate(byte[] in, SplittableRandom r) {
        byte[] b = in.clone();
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(7)) {
                case 0 -> b[at] ^= (byte) (1 << r.nextInt(8));
                case 1 -> b[at] = (byte) new int[]{0, 0xff, 0x7f, 0x80, 1, '(', 'R', '.'}[r.nextInt(8)];
                case 2 -> put(b, at, new long[]{0xffffffffL, 0x7fffffffL, 0x80000000L, -1L, 1L << 40, 0}[r.nextInt(6)],
                        r.nextBoolean() ? 4 : 8);
                case 3 -> b = Arrays.copyOf(b, at);
                case 4 -> {
                    int n = Math.min(b.length - at, 1 + r.nextInt(16));
                    byte[] shorter = new byte[b.length - n];
                    System.arraycopy(b, 0, shorter, 0, at);
                    System.arraycopy(b, at + n, shorter, at, b.length - at - n);
                    b = shorter;
                }
                case 5 -> {
                    int n = Math.min(b.length - at, 1 + r.nextInt(16));
                    int to = r.nextInt(b.length);
                    byte[] longer = new byte[b.length + n];
                    System.arraycopy(b, 0, longer, 0, to);
                    System.arraycopy(b, at, longer, to, n);
                    System.arraycopy(b, to, longer, to + n, b.length - to);
                    b = longer;
                }
                default -> b[at] = (byte) r.nextInt(256);
            }
        }
        return b;
    }

    private static void put(byte[] b, int at, long v, int width) {
        for (int i = 0; i < width && at + i < b.length; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }
}
