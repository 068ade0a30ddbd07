package dev.rnn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rnn4j.examples.HelloOhlol;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** examples/HelloOhlol.java against the same program in PyTorch 1.13 (tools/golden/hello_ohlol.py). */
class HelloOhlolTest {

    @Test
    void everyEpochsLossIsPyTorchsAndEveryModelEndsPredictingOhlol() throws IOException {
        List<String> golden;
        try (InputStream in = HelloOhlolTest.class.getResourceAsStream("/hello_ohlol.txt")) {
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#")).toList();
        }
        List<HelloOhlol.Epoch> epochs = HelloOhlol.run(new PrintStream(PrintStream.nullOutputStream()));
        assertEquals(golden.size(), epochs.size());
        for (int i = 0; i < golden.size(); i++) {
            String[] f = golden.get(i).split(" ");
            HelloOhlol.Epoch e = epochs.get(i);
            String where = e.model() + " epoch " + e.epoch();
            assertEquals(f[0], e.model(), where);
            assertEquals(Integer.parseInt(f[1]), e.epoch(), where);
            assertEquals(Double.parseDouble(f[2]), e.loss(), 1e-4, where + " loss");
            assertEquals(f[3], e.predicted(), where + " prediction");
        }
        for (String model : List.of("rnn_cell", "rnn", "embedding")) {
            HelloOhlol.Epoch last = epochs.stream().filter(e -> e.model().equals(model)).reduce((a, b) -> b).orElseThrow();
            assertEquals("ohlol", last.predicted(), model);
        }
    }
}
