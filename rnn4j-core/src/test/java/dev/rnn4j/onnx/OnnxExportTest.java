package dev.rnn4j.onnx;

import dev.rnn4j.LongTensor;
import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.charlm.CharModel;
import dev.rnn4j.golden.GoldenAssert;
import dev.rnn4j.golden.GoldenFile;
import dev.rnn4j.nn.GRUCell;
import dev.rnn4j.nn.LSTM;
import dev.rnn4j.nn.LSTMCell;
import dev.rnn4j.nn.RNNBase;
import dev.rnn4j.nn.RNNCell;
import dev.rnn4j.nn.RNNCellBase;
import dev.rnn4j.nn.SingleStateRNN;
import dev.rnn4j.nn.rnn.PackedSequence;
import dev.rnn4j.nn.rnn.Packing;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
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
            assertArrayEquals(resource("onnx/" + c.name() + ".onnx"), GoldenModels.export(c),
                    "the export changed: rerun tools/golden/onnx_export.py, so that onnxruntime checks the new graph");
            Map<String, Tensor> outputs = GoldenModels.isCharModel(c) ? charModelOutputs(c)
                    : GoldenModels.isCell(c) ? cellOutputs(c) : moduleOutputs(c);
            for (String source : new String[]{"ort_", ""}) {   // onnxruntime's, then PyTorch's
                for (Map.Entry<String, Tensor> o : outputs.entrySet()) {
                    assertClose(source + o.getKey(), c.tensor(source + o.getKey()), o.getValue());
                }
            }
        }));
    }

    private static Map<String, Tensor> moduleOutputs(GoldenFile.Case c) {
        RNNBase module = GoldenModels.module(c);
        Tensor x = GoldenAssert.tensor(c.tensor("input")), h0 = GoldenAssert.tensor(c.tensor("h0"));
        int[] lengths = GoldenModels.lengths(c);
        Map<String, Tensor> outputs = new LinkedHashMap<>();
        try (var noGrad = Torch.noGrad()) {
            if (lengths != null) {
                packedOutputs(module, x, h0, c, lengths, outputs);
            } else if (module instanceof LSTM lstm) {
                LSTM.Output o = lstm.forward(x, h0, GoldenAssert.tensor(c.tensor("c0")));
                outputs.put("output", o.output());
                outputs.put("h_n", o.hidden());
                outputs.put("c_n", o.cell());
            } else {
                SingleStateRNN.Output o = ((SingleStateRNN) module).forward(x, h0);
                outputs.put("output", o.output());
                outputs.put("h_n", o.hidden());
            }
        }
        return outputs;
    }

    /** The module on the padded batch packed by lengths, its output padded back to the batch's steps. */
    private static void packedOutputs(RNNBase module, Tensor x, Tensor h0, GoldenFile.Case c, int[] lengths,
                                      Map<String, Tensor> outputs) {
        boolean batchFirst = module.options().batchFirst();
        PackedSequence packed = Packing.packPaddedSequence(x, lengths, batchFirst, false);
        PackedSequence out;
        if (module instanceof LSTM lstm) {
            LSTM.PackedOutput o = lstm.forward(packed, h0, GoldenAssert.tensor(c.tensor("c0")));
            out = o.output();
            outputs.put("h_n", o.hidden());
            outputs.put("c_n", o.cell());
        } else {
            SingleStateRNN.PackedOutput o = ((SingleStateRNN) module).forward(packed, h0);
            out = o.output();
            outputs.put("h_n", o.hidden());
        }
        int steps = x.size(batchFirst ? 1 : 0);
        outputs.put("output", Packing.padPackedSequence(out, batchFirst, 0f, steps).output());
    }

    private static Map<String, Tensor> cellOutputs(GoldenFile.Case c) {
        RNNCellBase cell = GoldenModels.cell(c);
        Tensor x = GoldenAssert.tensor(c.tensor("input")), hx = GoldenAssert.tensor(c.tensor("hx"));
        Map<String, Tensor> outputs = new LinkedHashMap<>();
        try (var noGrad = Torch.noGrad()) {
            if (cell instanceof LSTMCell lstm) {
                LSTMCell.State s = lstm.forward(x, new LSTMCell.State(hx, GoldenAssert.tensor(c.tensor("cx"))));
                outputs.put("h", s.h());
                outputs.put("c", s.c());
            } else {
                outputs.put("h", cell instanceof RNNCell r ? r.forward(x, hx) : ((GRUCell) cell).forward(x, hx));
            }
        }
        return outputs;
    }

    private static Map<String, Tensor> charModelOutputs(GoldenFile.Case c) {
        CharModel model = GoldenModels.charModel(c);
        GoldenFile.Array ids = c.tensor("ids");
        long[] values = new long[ids.values().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = (long) ids.values()[i];
        }
        Tensor h0 = GoldenAssert.tensor(c.tensor("h0"));
        Tensor c0 = c.tensors().containsKey("c0") ? GoldenAssert.tensor(c.tensor("c0")) : null;
        Map<String, Tensor> outputs = new LinkedHashMap<>();
        try (var noGrad = Torch.noGrad()) {
            CharModel.Output o = model.forward(LongTensor.of(values, ids.shape()), new CharModel.State(h0, c0));
            outputs.put("logits", o.logits());
            outputs.put("h_n", o.state().h());
            if (c0 != null) {
                outputs.put("c_n", o.state().c());
            }
        }
        return outputs;
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
