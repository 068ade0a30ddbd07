package dev.rnn4j.cli.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A peer in a child process, and the table that sets its times beside rnn4j's. */
class PeerProtocolTest {

    @Test
    void aChildPeerGetsTheWorkloadsOnStdinAndEachThreadCountInItsOwnProcess(@TempDir Path dir) throws Exception {
        // a stand-in peer: echoes the workload names it read and the thread count it was given, as result lines
        String script = "t=$2; while read -r line; do name=${line#*\\\"name\\\": \\\"}; name=${name%%\\\"*}; "
                + "echo \"{\\\"peer\\\": \\\"fake\\\", \\\"version\\\": \\\"$OMP_NUM_THREADS\\\", \\\"threads\\\": $t, "
                + "\\\"row\\\": \\\"$name\\\", \\\"mode\\\": \\\"fwd\\\", \\\"ms\\\": $t.5}\"; done; echo noise >&2";
        ExternalPeer fake = new ExternalPeer("fake", List.of(1), List.of("bash", "-c", script, "fake"), Map.of(),
                dir.resolve("fake.log"));
        List<String> notes = new ArrayList<>();
        List<Result> seen = new ArrayList<>();
        List<Result> results = fake.run(List.of(Workload.named("lstm_seed"), Workload.named("gru_small")),
                List.of(Workload.Mode.FWD), List.of(1, 2), 0, 1, notes, seen::add);
        assertEquals(List.of(
                new Result("fake", "1", 1, "lstm_seed", "fwd", 1.5, null),
                new Result("fake", "1", 1, "gru_small", "fwd", 1.5, null),
                new Result("fake", "2", 2, "lstm_seed", "fwd", 2.5, null),
                new Result("fake", "2", 2, "gru_small", "fwd", 2.5, null)), results);
        assertEquals(results, seen);
        assertEquals(List.of(), notes);
        assertEquals("noise\n", Files.readString(dir.resolve("fake.log")));
    }

    @Test
    void aPeerThatFailsLeavesANoteWithItsLastErrorLine(@TempDir Path dir) throws Exception {
        ExternalPeer broken = new ExternalPeer("broken", List.of(1),
                List.of("bash", "-c", "echo 'libtorch: cannot load' >&2; exit 3"), Map.of(), dir.resolve("b.log"));
        List<String> notes = new ArrayList<>();
        assertEquals(List.of(), broken.run(List.of(Workload.named("rnn_seed")), List.of(Workload.Mode.FWD), List.of(1),
                0, 1, notes, r -> { }));
        assertEquals(List.of("broken (threads 1) exited with status 3 after 0 results; its standard error is in "
                + dir.resolve("b.log") + ": libtorch: cannot load"), notes);
    }

    @Test
    void aChildThatDiesBeforeItsFirstResultIsStartedOnceMore(@TempDir Path dir) throws Exception {
        // crashes the first time (no marker file yet), answers the second: Bytedeco's first native load did that
        Path marker = dir.resolve("loaded");
        String script = "if [ ! -e " + marker + " ]; then touch " + marker + "; kill -SEGV $$; fi; cat >/dev/null; "
                + "echo '{\"peer\": \"p\", \"version\": \"v\", \"threads\": 1, \"row\": \"rnn_seed\", "
                + "\"mode\": \"fwd\", \"ms\": 2}'";
        ExternalPeer flaky = new ExternalPeer("p", List.of(1), List.of("bash", "-c", script), Map.of(), dir.resolve("p.log"));
        List<String> notes = new ArrayList<>();
        assertEquals(List.of(new Result("p", "v", 1, "rnn_seed", "fwd", 2.0, null)),
                flaky.run(List.of(Workload.named("rnn_seed")), List.of(Workload.Mode.FWD), List.of(1), 0, 1, notes, r -> { }));
        assertEquals(List.of(), notes);
    }

    @Test
    void theRatioIsTheFastestPeersTimeOverRnn4jsAndMissingModulesReadNA() {
        List<Workload> ws = List.of(Workload.named("gru_small"));
        List<Workload.Mode> modes = List.of(Workload.Mode.FWD);
        List<Result> own = List.of(new Result("rnn4j", "x", 2, "gru_small", "fwd", 10.0, null));
        List<Result> peers = List.of(
                new Result("python", "p", 1, "gru_small", "fwd", 30.0, null),
                new Result("python", "p", 2, "gru_small", "fwd", 20.0, null),
                new Result("djl", "d", 1, "gru_small", "fwd", 25.0, null),
                new Result("dl4j", "d", 1, "gru_small", "fwd", null, "no GRU layer"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BenchTable.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), ws, modes, own,
                List.of("python", "djl", "dl4j"), peers);
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(3, lines.size(), lines.toString());
        assertEquals("| workload | mode | rnn4j ms | GFLOP/s | python ms | djl ms | dl4j ms | ratio |",
                lines.get(0).replaceAll(" +", " "));
        double gflops = Workload.named("gru_small").gemmFlops(Workload.Mode.FWD) / 1e7;
        assertEquals("| gru_small | fwd | 10.00 | " + BenchTable.fixed(gflops) + " | 20.00 @2 | 25.00 @1 | n/a "
                + "| 2.00 (python) |", lines.get(2).replaceAll(" +", " "));
        assertTrue(BenchTable.notes(peers).contains("dl4j: gru_small fwd: no GRU layer"), BenchTable.notes(peers).toString());
    }
}
