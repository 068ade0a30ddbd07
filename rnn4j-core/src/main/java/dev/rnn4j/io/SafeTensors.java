package dev.rnn4j.io;

import dev.rnn4j.LongTensor;
import dev.rnn4j.Shape;
import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The safetensors format (huggingface/safetensors): an 8-byte header length, a JSON header,
 * then the tensors' raw little-endian bytes. Reading memory-maps the file and validates the
 * whole header before allocating any tensor; floating dtypes load as float32
 * {@link Tensor}s, integer and bool dtypes as {@link LongTensor}s. Writing stores
 * {@code Tensor} as F32 and {@code LongTensor} as I64, ordered and padded as the reference
 * library orders and pads them, atomically.
 */
public final class SafeTensors {

    /** A file's tensors (Tensor or LongTensor, by name in sorted order, as safetensors lists them) and its metadata. */
    public record Contents(Map<String, Object> tensors, Map<String, String> metadata) {
    }

    private SafeTensors() {
    }

    /**
     * Reads every tensor of a safetensors file.
     *
     * @throws FormatException when the file is truncated, its header invalid (length, JSON,
     *                         offsets, shapes) or a dtype unsupported
     */
    public static Contents load(Path path) throws IOException {
        try (ByteSource src = ByteSource.map(path)) {
            return load(src);
        }
    }

    /** The same from bytes in memory. */
    public static Contents load(byte[] bytes) throws FormatException {
        return load(ByteSource.of(bytes));
    }

    static Contents load(ByteSource src) throws FormatException {
        SafeTensorsHeader h = SafeTensorsHeader.read(src);
        Map<String, Object> tensors = new TreeMap<>(Comparator.comparing(SafeTensors::utf8Bytes, Arrays::compareUnsigned));
        for (SafeTensorsHeader.Info t : h.tensors) {
            long numel = (t.end() - t.begin()) / t.dtype().size;
            long at = h.dataStart + t.begin();
            tensors.put(t.name(), t.dtype().floating
                    ? Torch.fromArray(StorageDecoder.floats(src, at, numel, t.dtype(), ByteOrder.LITTLE_ENDIAN), 0,
                    t.shape(), Shape.contiguousStrides(t.shape()))
                    : LongTensor.of(StorageDecoder.longs(src, at, numel, t.dtype(), ByteOrder.LITTLE_ENDIAN), t.shape()));
        }
        return new Contents(Collections.unmodifiableMap(new LinkedHashMap<>(tensors)),
                Collections.unmodifiableMap(h.metadata));
    }

    /**
     * Writes {@code tensors} (each a {@link Tensor}, saved as F32, or a {@link LongTensor}, saved as
     * I64) with optional string {@code metadata} (may be null), atomically.
     *
     * @throws IllegalArgumentException for a value that is not a tensor or the reserved name
     *                                  {@code __metadata__}, before the file is touched
     */
    public static void save(Map<String, ?> tensors, Path path, Map<String, String> metadata) throws IOException {
        byte[] header = header(tensors, metadata);
        AtomicFiles.write(path, out -> {
            out.write(header);
            for (String name : order(tensors)) {
                out.write(TorchSaver.littleEndian(tensors.get(name)));
            }
        });
    }

    /** The length, JSON and padding: {@code __metadata__} first, then the tensors in data order. */
    private static byte[] header(Map<String, ?> tensors, Map<String, String> metadata) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (metadata != null && !metadata.isEmpty()) {
            json.put("__metadata__", new LinkedHashMap<>(metadata));
        }
        long offset = 0;
        for (String name : order(tensors)) {
            Object t = tensors.get(name);
            int[] shape = t instanceof Tensor f ? f.shape().toArray() : ((LongTensor) t).shape().toArray();
            long bytes = (long) dtype(t).size * (t instanceof Tensor f ? f.numel() : ((LongTensor) t).numel());
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("dtype", dtype(t).safetensorsName);
            info.put("shape", Arrays.stream(shape).boxed().toList());
            info.put("data_offsets", List.of(offset, offset + bytes));
            json.put(name, info);
            offset += bytes;
        }
        StringBuilder sb = new StringBuilder();
        Json.write(json, sb);
        byte[] text = sb.toString().getBytes(StandardCharsets.UTF_8);
        int padded = text.length + (8 - text.length % 8) % 8;
        ByteBuffer b = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(padded).put(text);
        while (b.hasRemaining()) {
            b.put((byte) ' ');
        }
        return b.array();
    }

    /** The reference library's order: larger dtypes first (I64 before F32), then by name. */
    private static List<String> order(Map<String, ?> tensors) {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, ?> e : tensors.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                throw new IllegalArgumentException("'__metadata__' is reserved in safetensors and cannot name a tensor");
            }
            dtype(e.getValue());
            names.add(e.getKey());
        }
        names.sort(Comparator.comparing((String n) -> -dtype(tensors.get(n)).size)
                .thenComparing(SafeTensors::utf8Bytes, Arrays::compareUnsigned));
        return names;
    }

    private static DType dtype(Object t) {
        if (t instanceof Tensor) {
            return DType.FLOAT32;
        }
        if (t instanceof LongTensor) {
            return DType.INT64;
        }
        throw new IllegalArgumentException("safetensors holds only tensors, got a "
                + (t == null ? "null" : t.getClass().getName()));
    }

    private static byte[] utf8Bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
