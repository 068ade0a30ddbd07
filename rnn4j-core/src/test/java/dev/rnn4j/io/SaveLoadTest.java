package dev.rnn4j.io;

import dev.rnn4j.LongTensor;
import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.nn.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Torch.save and SafeTensors.save: what is written loads back the same, atomically, in PyTorch's layout. */
class SaveLoadTest {

    @TempDir
    Path dir;

    @Test
    void everyValueKindRoundTrips() throws IOException {
        Map<String, Object> ckpt = WrittenFilesTest.checkpoint();
        ckpt.put("huge", BigInteger.ONE.shiftLeft(100));
        ckpt.put("float", 1.5f);
        ckpt.put("noncontiguous", Torch.arange(6).view(2, 3).t());
        Path p = dir.resolve("model.pt");
        Torch.save(ckpt, p);
        Map<?, ?> back = (Map<?, ?>) Torch.load(p);
        assertEquals(BigInteger.ONE.shiftLeft(100), back.get("huge"));
        assertEquals(1.5, back.get("float"));
        assertEquals(12L, back.get("epoch"));
        assertEquals(Torch.tensor(new long[]{1, 2, 3}), back.get("steps"));
        Tensor t = (Tensor) back.get("noncontiguous");
        assertArrayEquals(new float[]{0, 3, 1, 4, 2, 5}, t.toFloatArray());
        assertTrue(back.get("weight") instanceof Parameter);
        assertTrue(((Tensor) back.get("grad")).requiresGrad());
        assertEquals(List.of(1L, "two", 3.5, List.of(false)), back.get("list"));
        assertEquals(Map.of("step", 5L), ((Map<?, ?>) back.get("state")).get(0L));
    }

    @Test
    void theArchiveIsNamedAfterTheFileAndAlignedAsPyTorchWritesIt() throws IOException {
        Path p = dir.resolve("my.model.pth");
        Torch.save(Map.of("w", Torch.ones(3)), p);
        ZipArchive zip = ZipArchive.read(ByteSource.of(Files.readAllBytes(p)));
        assertEquals("my.model", zip.root());
        assertEquals(List.of("data.pkl", ".format_version", ".storage_alignment", "byteorder", "data/0", "version"),
                zip.entries().stream().map(ZipArchive.Entry::name).toList());
        byte[] bytes = Files.readAllBytes(p);
        for (ZipArchive.Entry e : zip.entries()) {
            long nameAndExtra = (bytes[(int) e.headerOffset() + 26] & 0xff) + (bytes[(int) e.headerOffset() + 28] & 0xff)
                    + 256L * (bytes[(int) e.headerOffset() + 29] & 0xff);
            assertEquals(0, (e.headerOffset() + 30 + nameAndExtra) % 64, e.name() + " data is 64-byte aligned");
        }
    }

    @Test
    void aValueThatCannotBeSavedLeavesTheTargetUntouched() throws IOException {
        Path p = dir.resolve("keep.pt");
        Files.write(p, new byte[]{1, 2, 3});
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("w", Torch.ones(2));
        bad.put("thread", Thread.currentThread());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Torch.save(bad, p));
        assertTrue(e.getMessage().startsWith("obj['thread']: a java.lang.Thread cannot be saved"), e.getMessage());
        assertArrayEquals(new byte[]{1, 2, 3}, Files.readAllBytes(p));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(p), files.toList(), "no temporary file left behind");
        }
        List<Object> loop = new java.util.ArrayList<>();
        loop.add(loop);
        assertThrows(IllegalArgumentException.class, () -> Torch.save(loop, p));
    }

    @Test
    void safetensorsRoundTripWithMetadata() throws IOException {
        Map<String, Object> tensors = new LinkedHashMap<>();
        tensors.put("b.weight", Torch.randn(2, 3));
        tensors.put("a.steps", LongTensor.of(new long[]{Long.MIN_VALUE, 7}, new int[]{2}));
        tensors.put("scalar", Torch.scalar(2f));
        Path p = dir.resolve("x.safetensors");
        SafeTensors.save(tensors, p, Map.of("format", "pt", "note", "a \"quoted\"\nline"));
        SafeTensors.Contents c = SafeTensors.load(p);
        assertEquals(List.of("a.steps", "b.weight", "scalar"), List.copyOf(c.tensors().keySet()));
        assertEquals(tensors.get("a.steps"), c.tensors().get("a.steps"));
        assertArrayEquals(((Tensor) tensors.get("b.weight")).toFloatArray(), ((Tensor) c.tensors().get("b.weight"))
                .toFloatArray());
        assertEquals(0, ((Tensor) c.tensors().get("scalar")).dim());
        assertEquals("a \"quoted\"\nline", c.metadata().get("note"));
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.save(Map.of("__metadata__", Torch.ones(1)),
                dir.resolve("y.safetensors"), null));
    }

    @Test
    void safetensorsWrittenAsTheReferenceLibraryOrdersAndPadsThem() throws IOException {
        // the module files interchange.py wrote follow the library's layout: rnn4j re-writes them byte for byte
        for (String name : List.of("gru_flat.safetensors", "lstm_proj_bi.safetensors", "rnn_relu.safetensors")) {
            Path out = dir.resolve(name);
            SafeTensors.save(SafeTensors.load(InterchangeGoldenTest.file(name)).tensors(), out, null);
            assertTrue(Arrays.equals(Files.readAllBytes(InterchangeGoldenTest.file(name)), Files.readAllBytes(out)),
                    name);
        }
    }

    @Test
    void stridedViewsOverAnArrayAreChecked() {
        float[] data = {0, 1, 2, 3, 4, 5};
        Tensor t = Torch.fromArray(data, 1, new int[]{2, 2}, new int[]{1, 2});
        assertArrayEquals(new float[]{1, 3, 2, 4}, t.toFloatArray());
        assertThrows(IllegalArgumentException.class, () -> Torch.fromArray(data, 3, new int[]{2, 2}, new int[]{2, 1}));
        assertThrows(IllegalArgumentException.class, () -> Torch.fromArray(data, 0, new int[]{2}, new int[]{-1}));
    }
}
