package dev.rnn4j.onnx;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.golden.GoldenAssert;
import dev.rnn4j.golden.GoldenFile;
import dev.rnn4j.nn.LSTM;
import dev.rnn4j.nn.RNNBase;
import dev.rnn4j.nn.SingleStateRNN;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static dev.rnn4j.golden.GoldenAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * ONNX export against onnxruntime (tools/golden/onnx_export.py, golden/onnx/): rnn4j still exports the very bytes
 * that onnxruntime ran there (after onnx.checker passed them and their outputs matched PyTorch's), and the module
 * gives onnxruntime's outputs (and PyTorch's). Default tolerances: onnxruntime sums in its own order, as PyTorch does.
 */
class OnnxExportTest {

    @TestFactory
    Stream<DynamicTest> exportsTheModelsOnnxRuntimeRan() {
        return GoldenFile.load("onnx/cases.txt").stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            RNNBase module = GoldenModels.module(c);
            assertArrayEquals(resource("onnx/" + c.name() + ".onnx"), Onnx.toBytes(module),
                    "the export changed: rerun tools/golden/onnx_export.py, so that onnxruntime checks the new graph");
            Tensor x = GoldenAssert.tensor(c.tensor("input")), h0 = GoldenAssert.tensor(c.tensor("h0"));
            boolean lstm = module instanceof LSTM;
            Tensor output, hidden, cell = null;
            try (var noGrad = Torch.noGrad()) {
                if (lstm) {
                    LSTM.Output o = ((LSTM) module).forward(x, h0, GoldenAssert.tensor(c.tensor("c0")));
                    output = o.output();
                    hidden = o.hidden();
                    cell = o.cell();
                } else {
                    SingleStateRNN.Output o = ((SingleStateRNN) module).forward(x, h0);
                    output = o.output();
                    hidden = o.hidden();
                }
            }
            for (String source : new String[]{"ort_", ""}) {
                assertClose(source + "output", c.tensor(source + "output"), output);
                assertClose(source + "h_n", c.tensor(source + "h_n"), hidden);
                if (lstm) {
                    assertClose(source + "c_n", c.tensor(source + "c_n"), cell);
                }
            }
        }));
    }

    @Test
    void anLstmWithProjectionsIsRefusedAndNothingIsWritten(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.onnx");
        Files.write(file, new byte[]{1, 2, 3});
        LSTM projected = LSTM.builder(4, 8).projSize(3).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Onnx.export(projected, file));
        assertEquals("ONNX's LSTM has no projection: an LSTM with proj_size=3 cannot be exported", e.getMessage());
        assertArrayEquals(new byte[]{1, 2, 3}, Files.readAllBytes(file));
    }

    @Test
    void exportWritesTheModelsBytes(@TempDir Path dir) throws IOException {
        Torch.manualSeed(0);
        LSTM lstm = LSTM.builder(3, 5).numLayers(2).build();
        Path file = dir.resolve("lstm.onnx");
        Onnx.export(lstm, file);
        assertArrayEquals(Onnx.toBytes(lstm), Files.readAllBytes(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left beside it");
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = OnnxExportTest.class.getResourceAsStream("/golden/" + name)) {
            assertNotNull(in, "no golden resource " + name + ": run tools/golden/onnx_export.py");
            return in.readAllBytes();
        }
    }
}
