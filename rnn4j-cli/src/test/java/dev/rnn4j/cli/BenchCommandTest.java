package dev.rnn4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** rnn4j bench: its usage errors, and a tiny run's table. */
class BenchCommandTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bench --rows bogus        | invalid value for option '--rows': unknown workload 'bogus' (a name such as lstm_small, a shape: seed, small, large, tiny, medium, char; a net: rnncell, rnn, lstm, gru; default; all)
            bench --rows seed,        | invalid value for option '--rows': unknown workload '' (a name such as lstm_small, a shape: seed, small, large, tiny, medium, char; a net: rnncell, rnn, lstm, gru; default; all)
            bench --modes bwd         | invalid value for option '--modes': unknown mode 'bwd' (fwd or fwd+bwd)
            bench --calls 0           | invalid value for option '--calls': 0 is not in 1..1000000
            bench --warmup -1         | invalid value for option '--warmup': -1 is not in [0, ∞)
            bench --threads 0         | invalid value for option '--threads': 0 is not in 1..1024
            bench --peers torch       | invalid value for option '--peers': unknown peer 'torch' (python, bytedeco, djl, dl4j)
            bench --peer-threads 1,x  | invalid value for option '--peer-threads': 'x' is not an integer
            bench --compar            | unknown option '--compar' (did you mean --compare?)
            """)
    void usageErrorsAreOneLine(String args, String problem) {
        Run.of(args.split(" ")).assertUsageError("rnn4j bench", problem);
    }

    @Test
    void aTinyRunPrintsTheHeaderAndOneRowPerWorkloadAndMode() {
        Run run = Run.of("bench", "--rows", "seed", "--calls", "1", "--warmup", "0", "--threads", "1");
        assertEquals(0, run.status(), run.err());
        // standard error has one progress line per row, nothing else
        assertEquals(8, run.errLines().size(), run.err());
        assertTrue(run.errLines().stream().allMatch(l -> l.matches("  rnn4j @1 \\w+ fwd(\\+bwd)?: [0-9.e-]+ ms")), run.err());
        List<String> lines = run.out().lines().toList();
        String header = lines.get(0);
        assertAll(() -> assertTrue(header.startsWith("# rnn4j bench: JDK " + Runtime.version()), header),
                () -> assertTrue(header.contains("gemm: ") && header.contains("vector width ")
                        && header.contains("threads 1") && header.contains("median of 1 calls"), header));
        assertEquals(List.of("workload", "mode", "rnn4j ms", "GFLOP/s"), cells(lines.get(1)));
        List<List<String>> rows = lines.subList(3, lines.size()).stream().map(BenchCommandTest::cells).toList();
        assertEquals(List.of("rnncell_seed fwd", "rnncell_seed fwd+bwd", "rnn_seed fwd", "rnn_seed fwd+bwd",
                        "lstm_seed fwd", "lstm_seed fwd+bwd", "gru_seed fwd", "gru_seed fwd+bwd"),
                rows.stream().map(r -> r.get(0) + " " + r.get(1)).toList(), run.out());
        for (List<String> row : rows) {
            assertTrue(Double.parseDouble(row.get(2)) > 0 && Double.parseDouble(row.get(3)) > 0, row.toString());
        }
    }

    @Test
    void rowsAndModesPickTheTable() {
        Run run = Run.of("bench", "--rows", "rnncell_seed,gru_seed", "--modes", "fwd+bwd", "--calls", "2",
                "--warmup", "0");
        assertEquals(0, run.status(), run.err());
        List<String> rows = run.out().lines().skip(3).map(l -> cells(l).get(0) + " " + cells(l).get(1)).toList();
        assertEquals(List.of("rnncell_seed fwd+bwd", "gru_seed fwd+bwd"), rows, run.out());
    }

    private static List<String> cells(String tableLine) {
        String inner = tableLine.strip();
        assertTrue(inner.startsWith("|") && inner.endsWith("|"), tableLine);
        return List.of(inner.substring(1, inner.length() - 1).split("\\|")).stream().map(String::strip).toList();
    }
}
