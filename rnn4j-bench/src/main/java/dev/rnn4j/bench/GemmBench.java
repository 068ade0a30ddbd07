package dev.rnn4j.bench;

import dev.rnn4j.internal.kernel.gemm.Gemm;
import dev.rnn4j.internal.kernel.Kernels;
import dev.rnn4j.internal.kernel.gemm.PackedMatrix;
import dev.rnn4j.internal.parallel.Parallel;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * GEMM throughput on square and recurrent-network shapes. The {@code gflop} counter is GFLOP per second (2·m·n·k
 * per call); compare with {@code tools/bench/gemm_torch.py}, which runs PyTorch on the same named shapes.
 *
 * <pre>java --add-modules jdk.incubator.vector -jar rnn4j-bench/target/rnn4j-bench.jar GemmBench -f 1 -wi 2 -i 3</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@State(Scope.Benchmark)
public class GemmBench {

    /** Named as in gemm_torch.py: m, n, k, transA, transB. */
    @Param({"square256", "square512", "square1024", "hh_b1", "hh_b16", "hh_b64", "ih_proj", "dW", "dX"})
    public String shape;

    @Param({"1", "2"})
    public int threads;

    private boolean transA, transB;
    private int m, n, k;
    private float[] a, b, c;
    private PackedMatrix packedB;
    private Gemm gemm;

    /** Counts floating-point work so JMH reports it per second, next to the call rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops {
        public double gflop;

        @Setup(Level.Iteration)
        public void clear() {
            gflop = 0;
        }
    }

    @Setup
    public void setUp() throws InterruptedException {
        Kernels.awaitWarmUp();
        gemm = Kernels.gemm();
        int[] s = dims(shape);
        m = s[0];
        n = s[1];
        k = s[2];
        transA = s[3] == 1;
        transB = s[4] == 1;
        Parallel.setNumThreads(threads);
        Random rnd = new Random(42);
        a = random(rnd, m * k);
        b = random(rnd, k * n);
        c = new float[m * n];
        packedB = gemm.pack(transB, k, n, b, 0, transB ? k : n);
        System.out.println("# " + Kernels.describe() + ", threads " + Parallel.getNumThreads());
    }

    static int[] dims(String shape) {
        switch (shape) {
            case "square256": return new int[] {256, 256, 256, 0, 0};
            case "square512": return new int[] {512, 512, 512, 0, 0};
            case "square1024": return new int[] {1024, 1024, 1024, 0, 0};
            case "hh_b1": return new int[] {1, 1024, 256, 0, 1};       // h·W_hhᵀ, H = 256, 4 gates
            case "hh_b16": return new int[] {16, 1024, 256, 0, 1};
            case "hh_b64": return new int[] {64, 1024, 256, 0, 1};
            case "ih_proj": return new int[] {10240, 1024, 128, 0, 1}; // (L·N, I)·W_ihᵀ for all steps at once
            case "dW": return new int[] {1024, 256, 4096, 1, 0};       // dYᵀ·X, L·N = 4096
            case "dX": return new int[] {4096, 256, 1024, 0, 0};       // dY·W
            default: throw new IllegalArgumentException(shape);
        }
    }

    private static float[] random(Random rnd, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = rnd.nextFloat() - 0.5f;
        }
        return x;
    }

    @Benchmark
    public float[] gemm(Flops flops) {
        gemm.gemm(transA, transB, m, n, k, a, 0, transA ? m : k, b, 0, transB ? k : n, c, 0, n, false);
        flops.gflop += 2e-9 * m * n * k;
        return c;
    }

    /** The same product with B packed once in setup, as a recurrent layer does with its weight for all steps. */
    @Benchmark
    public float[] gemmPrepacked(Flops flops) {
        gemm.gemm(transA, m, n, k, a, 0, transA ? m : k, packedB, c, 0, n, false);
        flops.gflop += 2e-9 * m * n * k;
        return c;
    }
}
