package dev.rnn4j.io;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The header of a safetensors file, validated as the reference library validates it: an
 * 8-byte little-endian length (at most 100 MB and inside the file), UTF-8 JSON naming each
 * tensor's dtype, shape and {@code data_offsets}; the tensors' byte ranges, sorted, must tile
 * the data area exactly (contiguous, non-overlapping, nothing left over), each as long as its
 * shape and dtype need. Only then is any tensor memory allocated.
 */
final class SafeTensorsHeader {

    /** The reference library's limit (safetensors' MAX_HEADER_SIZE). */
    static final long MAX_HEADER = 100_000_000;

    /** One tensor: offsets relative to the start of the data area. */
    record Info(String name, DType dtype, int[] shape, long begin, long end) {
    }

    final List<Info> tensors;          // in data order
    final Map<String, String> metadata;
    final long dataStart;
    final long headerLength;

    private SafeTensorsHeader(List<Info> tensors, Map<String, String> metadata, long dataStart, long headerLength) {
        this.tensors = tensors;
        this.metadata = metadata;
        this.dataStart = dataStart;
        this.headerLength = headerLength;
    }

    static boolean looksLikeSafeTensors(ByteSource src) throws FormatException {
        if (src.size() < 9) {
            return false;
        }
        long n = src.slice(0, 8, "header length").getLong();
        return n > 0 && n <= src.size() - 8 && src.slice(8, 1, "header").get() == '{';
    }

    static SafeTensorsHeader read(ByteSource src) throws FormatException {
        if (src.size() < 8) {
            throw new FormatException("not a safetensors file: shorter than its 8-byte header length");
        }
        long n = src.slice(0, 8, "header length").getLong();
        if (n < 0 || n > MAX_HEADER) {
            throw new FormatException("safetensors header claims " + Long.toUnsignedString(n)
                    + " bytes, more than the 100 MB limit");
        }
        if (n > src.size() - 8) {
            throw new FormatException("truncated safetensors file: header claims " + n + " bytes, the file has "
                    + (src.size() - 8) + " after the length");
        }
        Object json = Json.parse(Utf8.decode(src.slice(8, n, "safetensors header"), "safetensors header"));
        if (!(json instanceof Map<?, ?> top)) {
            throw new FormatException("safetensors header is not a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Info> tensors = new ArrayList<>();
        for (Map.Entry<?, ?> e : top.entrySet()) {
            String name = (String) e.getKey();
            if (name.equals("__metadata__")) {
                metadata = metadata(e.getValue());
            } else {
                tensors.add(info(name, e.getValue()));
            }
        }
        tensors.sort(Comparator.comparingLong(Info::begin).thenComparingLong(Info::end));
        checkTiling(tensors, src.size() - 8 - n);
        return new SafeTensorsHeader(tensors, metadata, 8 + n, n);
    }

    private static Map<String, String> metadata(Object v) throws FormatException {
        if (!(v instanceof Map<?, ?> m)) {
            throw new FormatException("safetensors __metadata__ must be an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new FormatException("safetensors __metadata__ value for '" + Globals.shown((String) e.getKey())
                        + "' is not a string");
            }
            out.put((String) e.getKey(), s);
        }
        return out;
    }

    private static Info info(String name, Object v) throws FormatException {
        String what = "safetensors tensor '" + Globals.shown(name) + "'";
        if (!(v instanceof Map<?, ?> m)) {
            throw new FormatException(what + " is not an object");
        }
        if (!(m.get("dtype") instanceof String dtypeName)) {
            throw new FormatException(what + " has no dtype");
        }
        DType dtype = DType.ofSafetensorsName(dtypeName);
        if (dtype == null) {
            throw new FormatException(what + " has dtype " + Globals.shown(dtypeName) + ", which rnn4j does not read"
                    + " (F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL)");
        }
        long[] shape = longs(m.get("shape"), -1, what + " shape");
        long[] offsets = longs(m.get("data_offsets"), 2, what + " data_offsets");
        int[] dims = new int[shape.length];
        long numel = 1;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] > Integer.MAX_VALUE) {
                throw new FormatException(what + " has a dimension of " + shape[d] + ", more than rnn4j holds");
            }
            dims[d] = (int) shape[d];
            numel = numel > 0 && dims[d] > StorageDecoder.MAX_ELEMENTS / numel ? Long.MAX_VALUE : numel * dims[d];
        }
        if (numel > StorageDecoder.MAX_ELEMENTS) {
            throw new FormatException(what + " has more elements than rnn4j holds");
        }
        if (offsets[1] < offsets[0] || offsets[1] - offsets[0] != numel * dtype.size) {
            throw new FormatException(what + " of shape " + java.util.Arrays.toString(dims) + " " + dtypeName
                    + " needs " + numel * dtype.size + " bytes, its data_offsets [" + offsets[0] + ", " + offsets[1]
                    + "] give " + (offsets[1] - offsets[0]));
        }
        return new Info(name, dtype, dims, offsets[0], offsets[1]);
    }

    /** The sorted byte ranges must start at 0, follow each other without gap or overlap, and end at the data's end. */
    private static void checkTiling(List<Info> tensors, long dataSize) throws FormatException {
        long expected = 0;
        for (Info t : tensors) {
            if (t.begin() != expected) {
                throw new FormatException("safetensors tensor '" + Globals.shown(t.name()) + "' starts at byte "
                        + t.begin() + " of the data, expected " + expected + " (offsets overlap or leave a gap)");
            }
            expected = t.end();
        }
        if (expected != dataSize) {
            throw new FormatException("safetensors data area holds " + dataSize + " bytes but the tensors cover "
                    + expected + (expected > dataSize ? " (truncated file)" : ""));
        }
    }

    private static long[] longs(Object v, int arity, String what) throws FormatException {
        if (!(v instanceof List<?> l) || (arity >= 0 && l.size() != arity) || l.size() > 64) {
            throw new FormatException(what + " must be a list" + (arity >= 0 ? " of " + arity : "") + " of integers");
        }
        long[] out = new long[l.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(l.get(i) instanceof Long x) || x < 0) {
                throw new FormatException(what + " must hold non-negative integers");
            }
            out[i] = x;
        }
        return out;
    }
}
