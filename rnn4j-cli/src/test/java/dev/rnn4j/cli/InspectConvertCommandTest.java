package dev.rnn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rnn4j inspect and rnn4j convert on files PyTorch wrote (the core's interchange golden data). */
class InspectConvertCommandTest {
    static final Path GOLDEN = Path.of("..", "rnn4j-core", "src", "test", "resources", "golden", "interchange");

    @TempDir
    Path tmp;

    @Test
    void inspectShowsFormatKeysAndShapes() {
        Run r = Run.of("inspect", GOLDEN.resolve("gru_flat_legacy.pt").toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("legacy stream"), r.out());
        assertTrue(r.out().contains("weight_ih_l0"), r.out());
    }

    @Test
    void convertRoundTripsAStateDict() throws IOException {
        Path st = tmp.resolve("gru.safetensors");
        Path back = tmp.resolve("gru.pt");
        assertEquals(0, Run.of("convert", GOLDEN.resolve("gru_bi.pt").toString(), st.toString()).status());
        assertEquals(0, Run.of("convert", st.toString(), back.toString()).status());
        Run a = Run.of("inspect", GOLDEN.resolve("gru_bi.safetensors").toString());
        Run b = Run.of("inspect", st.toString());
        assertTrue(Files.size(back) > 0);
        assertEquals(a.out().lines().filter(l -> l.contains("float32")).map(l -> l.split("\\s+")[0]).toList(),
                b.out().lines().filter(l -> l.contains("float32")).map(l -> l.split("\\s+")[0]).toList());
    }

    @Test
    void aFileThatIsNoCheckpointIsAUsageError() throws IOException {
        Path text = Files.writeString(tmp.resolve("notes.txt"), "hello");
        Run.of("inspect", text.toString()).assertUsageError("rnn4j inspect", text
                + ": not a PyTorch checkpoint: neither a zip archive nor a pickle stream");
        Run r = Run.of("convert", GOLDEN.resolve("gru_bi.pt").toString(), tmp.resolve("x.onnx").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("unknown output extension '.onnx'"), r.err());
    }
}
