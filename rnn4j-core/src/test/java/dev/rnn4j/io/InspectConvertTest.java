package dev.rnn4j.io;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The library side of `rnn4j inspect` and `rnn4j convert`. */
class InspectConvertTest {

    @TempDir
    Path dir;

    @Test
    void inspectAPtFile() throws IOException {
        String text = Inspect.text(InterchangeGoldenTest.file("lstm_flat_legacy.pt"));
        assertTrue(text.startsWith("file: lstm_flat_legacy.pt ("), text);
        assertTrue(text.contains("format: PyTorch legacy stream (protocol 1001, little-endian, 3 storages)"), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("rnn\\.weight_hh_l0 +float32 +\\[16, 4] +256 B +'\\d+' cpu \\+48")),
                text);
        assertTrue(text.contains("structure:\ndict (6 entries)\n  'rnn.weight_ih_l0': tensor float32 [16, 3]"), text);
        String nested = Inspect.text(InterchangeGoldenTest.file("checkpoint_v2.pt"));
        assertTrue(nested.contains("\n  'optimizer': dict (2 entries)\n    'state': dict (1 entries)\n      0: dict"),
                nested);
        assertTrue(nested.contains("optimizer.state.0.exp_avg  float32  [2]"), nested);
        assertTrue(nested.contains("'betas': (0.9, 0.999)"), nested);
    }

    @Test
    void inspectASafetensorsFile() throws IOException {
        String text = Inspect.text(InterchangeGoldenTest.file("dtypes.safetensors"));
        assertTrue(text.contains("format: safetensors (header 768 bytes, 12 tensors)\nmetadata:\n  format: pt\n"), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("bf16 +bfloat16 +\\[5] +10 B +\\[112, 122\\)")), text);
    }

    @Test
    void convertBothWays() throws IOException {
        Path st = dir.resolve("gru.safetensors");
        assertEquals("wrote 16 tensors to gru.safetensors", Convert.convert(InterchangeGoldenTest.file("gru_bi_legacy.pt"),
                st));
        SafeTensors.Contents c = SafeTensors.load(st);
        assertEquals(Map.of("format", "pt"), c.metadata());
        Path pt = dir.resolve("back.pt");
        Convert.convert(st, pt);
        Map<?, ?> back = (Map<?, ?>) Torch.load(pt);
        Map<?, ?> original = (Map<?, ?>) Torch.load(InterchangeGoldenTest.file("gru_bi.pt"));
        for (Object key : original.keySet()) {
            assertArrayEquals(((Tensor) original.get(key)).toFloatArray(), ((Tensor) back.get(key)).toFloatArray());
        }
        // nested dicts of tensors flatten with dotted keys
        Path nested = dir.resolve("nested.pt");
        Torch.save(Map.of("model", Map.of("w", Torch.ones(2))), nested);
        Convert.convert(nested, dir.resolve("nested.safetensors"));
        assertEquals(List.of("model.w"), List.copyOf(SafeTensors.load(dir.resolve("nested.safetensors")).tensors()
                .keySet()));
    }

    @Test
    void convertRefusesWhatSafetensorsCannotHold() {
        Path out = dir.resolve("x.safetensors");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Convert.convert(InterchangeGoldenTest.file("checkpoint.pt"), out));
        assertEquals("cannot convert to safetensors: 'epoch' is a Long, and safetensors holds only tensors "
                + "(convert the state dict alone)", e.getMessage());
        assertTrue(!Files.exists(out));
        assertThrows(IllegalArgumentException.class, () -> Convert.convert(InterchangeGoldenTest.file("views.pt"),
                dir.resolve("x.onnx")));
    }
}
