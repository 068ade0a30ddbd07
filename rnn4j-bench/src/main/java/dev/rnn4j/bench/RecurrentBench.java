package dev.rnn4j.bench;

import dev.rnn4j.Torch;
import dev.rnn4j.cli.bench.Rnn4jPeer;
import dev.rnn4j.cli.bench.Workload;
import dev.rnn4j.internal.kernel.Kernels;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whole recurrent modules, inference and one training step, on the cases {@code tools/bench/recurrent_torch.py}
 * runs in PyTorch; {@code tools/bench/compare.sh} runs both, interleaved, and prints the ratios.
 *
 * <ul>
 *   <li>{@code infer}: {@code module.eval()}, forward under {@code Torch.noGrad()};</li>
 *   <li>{@code train}: forward, {@code output.sum().backward()}, {@code zeroGrad()} (the input needs no grad).</li>
 * </ul>
 *
 * Cases, named {@code <net>_<shape>}, from the one workload table ({@link Workload}; the same rows and calls as
 * {@code rnn4j bench}), inputs (L, N, I):
 * <ul>
 *   <li>{@code tiny}: L=32, N=1, I=H=64, 1 layer (called {@code small} before the table took the sizes);</li>
 *   <li>{@code medium}: L=50, N=32, I=H=256, 1 layer;</li>
 *   <li>{@code char}: L=100, N=64, I=65, H=512, 1 layer (a char-level language model's shape);</li>
 *   <li>{@code bilstm2_medium}: LSTM, 2 layers, bidirectional, L=50, N=32, I=H=128.</li>
 * </ul>
 *
 * <pre>java --add-modules jdk.incubator.vector -jar rnn4j-bench/target/rnn4j-bench.jar RecurrentBench -p threads=1</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms2g", "-Xmx4g"})
@State(Scope.Benchmark)
public class RecurrentBench {

    /** Names in {@link Workload#ALL}; RecurrentBench's own are below, any other name there works with -p bench=. */
    @Param({"rnn_tiny", "lstm_tiny", "gru_tiny",
            "rnn_medium", "lstm_medium", "gru_medium",
            "rnn_char", "lstm_char", "gru_char",
            "bilstm2_medium"})
    public String bench;

    @Param({"1", "2"})
    public int threads;

    private Supplier<Object> infer;
    private Supplier<Object> train;

    @Setup
    public void setUp() {
        Rnn4jPeer rnn4j = new Rnn4jPeer();
        rnn4j.setThreads(threads);
        Workload w = Workload.named(bench);
        infer = rnn4j.prepare(w, Workload.Mode.FWD);
        train = rnn4j.prepare(w, Workload.Mode.FWD_BWD);
        System.out.println("# " + Kernels.describe() + ", threads " + Torch.getNumThreads() + ", " + w);
    }

    @Benchmark
    public Object infer() {
        return infer.get();
    }

    @Benchmark
    public Object train() {
        return train.get();
    }

    /** Runs one case once per mode, outside JMH: a smoke test and a profiling target ({@code -XX:+FlightRecorder}). */
    public static void main(String[] args) {
        String name = args.length > 0 ? args[0] : "lstm_medium";
        String mode = args.length > 1 ? args[1] : "train";
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        double seconds = args.length > 3 ? Double.parseDouble(args[3]) : 10;
        RecurrentBench b = new RecurrentBench();
        b.bench = name;
        b.threads = threads;
        b.setUp();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        int ops = 0;
        long t0 = System.nanoTime();
        while (System.nanoTime() < end) {
            if (mode.equals("train")) {
                b.train();
            } else {
                b.infer();
            }
            ops++;
        }
        System.out.printf("%s %s threads=%d: %d ops, %.3f ms/op%n", name, mode, threads, ops,
                (System.nanoTime() - t0) / 1e6 / ops);
    }
}
