package dev.rnn4j.bench;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.autograd.GradMode;
import dev.rnn4j.internal.kernel.Kernels;
import dev.rnn4j.nn.GRU;
import dev.rnn4j.nn.LSTM;
import dev.rnn4j.nn.Module;
import dev.rnn4j.nn.RNN;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
 * Cases, named {@code <net>_<shape>}, inputs (L, N, I):
 * <ul>
 *   <li>{@code small}: L=32, N=1, I=H=64, 1 layer;</li>
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

    @Param({"rnn_small", "lstm_small", "gru_small",
            "rnn_medium", "lstm_medium", "gru_medium",
            "rnn_char", "lstm_char", "gru_char",
            "bilstm2_medium"})
    public String bench;

    @Param({"1", "2"})
    public int threads;

    private Module module;
    private Function<Tensor, Tensor> forward;
    private Tensor input;

    /** A case's sizes: L, N, I, H, layers, bidirectional (0/1), and the net. */
    record Case(String net, int steps, int batch, int inputSize, int hidden, int layers, boolean bidirectional) {
        static Case of(String name) {
            String[] parts = name.split("_", 2);
            String net = parts[0];
            return switch (parts[1]) {
                case "small" -> new Case(net, 32, 1, 64, 64, 1, false);
                case "medium" -> net.equals("bilstm2")
                        ? new Case("lstm", 50, 32, 128, 128, 2, true)
                        : new Case(net, 50, 32, 256, 256, 1, false);
                case "char" -> new Case(net, 100, 64, 65, 512, 1, false);
                default -> throw new IllegalArgumentException(name);
            };
        }
    }

    @Setup
    public void setUp() {
        Torch.setNumThreads(threads);
        Torch.manualSeed(0);
        Case c = Case.of(bench);
        switch (c.net()) {
            case "rnn" -> {
                RNN m = RNN.builder(c.inputSize(), c.hidden()).numLayers(c.layers())
                        .bidirectional(c.bidirectional()).build();
                module = m;
                forward = x -> m.forward(x).output();
            }
            case "lstm" -> {
                LSTM m = LSTM.builder(c.inputSize(), c.hidden()).numLayers(c.layers())
                        .bidirectional(c.bidirectional()).build();
                module = m;
                forward = x -> m.forward(x).output();
            }
            case "gru" -> {
                GRU m = GRU.builder(c.inputSize(), c.hidden()).numLayers(c.layers())
                        .bidirectional(c.bidirectional()).build();
                module = m;
                forward = x -> m.forward(x).output();
            }
            default -> throw new IllegalArgumentException(c.net());
        }
        input = Torch.randn(c.steps(), c.batch(), c.inputSize());
        System.out.println("# " + Kernels.describe() + ", threads " + Torch.getNumThreads() + ", " + c);
    }

    @Benchmark
    public Tensor infer() {
        module.eval();
        try (GradMode.Scope ignored = Torch.noGrad()) {
            return forward.apply(input);
        }
    }

    @Benchmark
    public Tensor train() {
        module.train();
        Tensor out = forward.apply(input);
        out.sum().backward();
        module.zeroGrad();
        return out;
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
