package dev.rnn4j.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A library rnn4j is compared with, run in a child process of its own (native libtorch copies must never meet in one
 * process), one per thread count: PyTorch through Python, or a JVM peer that -Ppeers built into
 * {@code rnn4j-bench/target/peers/NAME/}. The child reads workloads and writes results as {@link PeerMain} says.
 *
 * @param name      the table's column name
 * @param threads   the thread counts it runs by default, its best known settings (the table takes the fastest)
 * @param command   the child's command line before the common options
 * @param env       variables set for the child ({@code OMP_NUM_THREADS} and {@code MKL_NUM_THREADS} are added)
 * @param log       where the child's standard error goes
 */
public record ExternalPeer(String name, List<Integer> threads, List<String> command, Map<String, String> env, Path log) {

    /** The JVM peers -Ppeers builds, in table order: name, main class, default threads, extra JVM flags. */
    static final List<JvmPeer> JVM_PEERS = List.of(
            // One thread each: measured on this 2-core machine, a second thread made them 5–50× slower (lstm_small fwd:
            // Bytedeco 16 → 776 ms, DL4J 335 → 1798 ms, DJL 27 → 632 ms), the JVM's threads beside libtorch's or
            // OpenBLAS's OpenMP spinning; Bytedeco's default thread count was ~100× slower. --peer-threads overrides.
            new JvmPeer("bytedeco", "dev.rnn4j.peers.BytedecoPeer", List.of(1), List.of()),
            new JvmPeer("djl", "dev.rnn4j.peers.DjlPeer", List.of(1), List.of("-Dai.djl.offline=true")),
            new JvmPeer("dl4j", "dev.rnn4j.peers.Dl4jPeer", List.of(1), List.of()));

    record JvmPeer(String name, String mainClass, List<Integer> threads, List<String> jvmFlags) {
    }

    /** Every peer name, in table order. */
    public static final List<String> NAMES = List.of("python", "bytedeco", "djl", "dl4j");

    /**
     * The peers among {@code wanted} that can run here, in table order; for each that cannot, a note saying why
     * and what to do. Python: $TORCH_PYTHON, else python3 when it imports torch. JVM peers: their folders under
     * {@code peersDir}, run on this JVM's java.
     */
    public static List<ExternalPeer> find(Path root, Path peersDir, Set<String> wanted, List<String> notes)
            throws InterruptedException {
        List<ExternalPeer> found = new ArrayList<>();
        Path logs = peersDir.resolve("logs");
        if (wanted.contains("python")) {
            String python = System.getenv("TORCH_PYTHON");
            if (python == null && importsTorch("python3")) {
                python = "python3";
            }
            if (python == null) {
                notes.add("python: skipped, python3 cannot import torch (set TORCH_PYTHON to a Python with PyTorch 2.x)");
            } else {
                found.add(new ExternalPeer("python", List.of(1, 2),
                        List.of(python, root.resolve("tools/bench/recurrent_torch.py").toString(), "--peer"),
                        Map.of(), logs.resolve("python.log")));
            }
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> unbuilt = new ArrayList<>();
        for (JvmPeer jp : JVM_PEERS) {
            if (!wanted.contains(jp.name())) {
                continue;
            }
            Path dir = peersDir.resolve(jp.name());
            if (!Files.isRegularFile(dir.resolve("peer-" + jp.name() + ".jar"))) {
                unbuilt.add(jp.name());
                continue;
            }
            List<String> cmd = new ArrayList<>(List.of(java));
            cmd.addAll(jp.jvmFlags());
            cmd.add("-XX:ErrorFile=" + logs.resolve("hs_err_" + jp.name() + "_%p.log"));   // a native crash's report
            cmd.addAll(List.of("-cp", dir + "/*", jp.mainClass()));
            found.add(new ExternalPeer(jp.name(), jp.threads(), cmd, Map.of(), logs.resolve(jp.name() + ".log")));
        }
        if (!unbuilt.isEmpty()) {
            notes.add(String.join(", ", unbuilt) + ": not built; `mvn -B -Ppeers -DskipTests package` builds the JVM "
                    + "peers into " + peersDir);
        }
        return found;
    }

    private static boolean importsTorch(String python) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(python, "-c", "import torch").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Runs the workloads once per thread count, handing each result to {@code onResult} as it comes; a child that
     * fails or prints no result leaves a note.
     */
    public List<Result> run(List<Workload> workloads, List<Workload.Mode> modes, List<Integer> threadCounts,
                            double warmup, int calls, List<String> notes, Consumer<Result> onResult)
            throws IOException, InterruptedException {
        List<Result> results = new ArrayList<>();
        for (int t : threadCounts) {
            List<String> cmd = new ArrayList<>(command);
            cmd.addAll(List.of("--threads", Integer.toString(t), "--warmup", Double.toString(warmup),
                    "--calls", Integer.toString(calls),
                    "--modes", String.join(",", modes.stream().map(m -> m.id).toList())));
            int status = 0;
            int got = 0;
            // A child that dies before its first result is started once more: Bytedeco's libtorch crashed here in
            // its first load from a fresh ~/.javacpp cache (SIGSEGV in dlopen), and loads fine from then on.
            for (int attempt = 1; attempt <= 2 && got == 0; attempt++) {
                int before = results.size();
                status = runOnce(cmd, t, workloads, results, onResult);
                got = results.size() - before;
                if (status == 0) {
                    break;
                }
            }
            if (status != 0 || got == 0) {
                notes.add(name + " (threads " + t + ") exited with status " + status + " after " + got
                        + " results; its standard error is in " + log + lastLine(log));
            }
        }
        return results;
    }

    /** One child: the workloads in, its result lines added to results; its exit status. */
    private int runOnce(List<String> cmd, int threads, List<Workload> workloads, List<Result> results,
                        Consumer<Result> onResult) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(log.toFile());
        pb.environment().putAll(env);
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        pb.environment().put("MKL_NUM_THREADS", Integer.toString(threads));
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process p = pb.start();
        try (Writer in = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
            for (Workload w : workloads) {
                in.write(w.toJson() + "\n");
            }
        } catch (IOException closed) {
            // the child exited before reading its input: its status and standard error say why
        }
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("{")) {
                    Result r = Result.fromJson(line);
                    results.add(r);
                    onResult.accept(r);
                }
            }
        }
        return p.waitFor();
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return ": " + lines.get(i).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            return "";
        }
        return "";
    }
}
