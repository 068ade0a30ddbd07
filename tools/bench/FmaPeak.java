import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * The machine's fp32 FMA peak as the JVM reaches it: each thread runs 12 independent accumulators of the preferred
 * vector width through fused multiply-adds, in registers, for a second (12 chains cover two FMA pipes of 5 cycles'
 * latency, and with the two operands they fit AVX2's 16 registers: 16 chains spilled there and read 63-70 GFLOP/s
 * on a core that runs 85 in the GEMM's 4-row tile); GFLOP/s counts 2 per lane per FMA. The
 * yardstick the GFLOP/s of {@code rnn4j bench} and the notes are read against.
 *
 * <pre>java --add-modules jdk.incubator.vector tools/bench/FmaPeak.java [threads]</pre>
 */
public final class FmaPeak {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final long ROUNDS = 1 << 16;
    private static volatile float sink;

    private FmaPeak() {
    }

    public static void main(String[] args) throws InterruptedException {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        for (int trial = 0; trial < 5; trial++) {
            double gflops = run(threads);
            System.out.printf(Locale.ROOT, "%d thread(s), %d lanes: %.1f GFLOP/s%n", threads, S.length(), gflops);
        }
    }

    private static double run(int threads) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        long[] fmas = new long[threads];
        Thread[] ts = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            int id = i;
            ts[i] = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                long deadline = System.nanoTime() + 1_000_000_000L;
                long n = 0;
                while (System.nanoTime() < deadline) {
                    n += burst();
                }
                fmas[id] = n;
            });
            ts[i].start();
        }
        long t0 = System.nanoTime();
        start.countDown();
        for (Thread t : ts) {
            t.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long total = 0;
        for (long n : fmas) {
            total += n;
        }
        return 2.0 * S.length() * total / seconds / 1e9;
    }

    /** ROUNDS × 12 vector FMAs on independent chains; returns how many. */
    private static long burst() {
        FloatVector a = FloatVector.broadcast(S, 0.999f), b = FloatVector.broadcast(S, 1e-4f);
        FloatVector c0 = b, c1 = b, c2 = b, c3 = b, c4 = b, c5 = b, c6 = b, c7 = b;
        FloatVector c8 = b, c9 = b, c10 = b, c11 = b;
        for (long r = 0; r < ROUNDS; r++) {
            c0 = c0.fma(a, b); c1 = c1.fma(a, b); c2 = c2.fma(a, b); c3 = c3.fma(a, b);
            c4 = c4.fma(a, b); c5 = c5.fma(a, b); c6 = c6.fma(a, b); c7 = c7.fma(a, b);
            c8 = c8.fma(a, b); c9 = c9.fma(a, b); c10 = c10.fma(a, b); c11 = c11.fma(a, b);
        }
        sink = c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
        return ROUNDS * 12;
    }
}
