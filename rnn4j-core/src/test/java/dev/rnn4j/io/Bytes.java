package dev.rnn4j.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Hand-made test inputs: pickles written byte by byte, wrapped in a zip or the legacy stream. */
final class Bytes {

    private Bytes() {
    }

    /** Concatenates parts: a String as its latin-1 bytes, an Integer as one byte, a byte[] as is. */
    static byte[] of(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
            } else if (p instanceof Integer i) {
                out.write(i);
            } else {
                out.writeBytes((byte[]) p);
            }
        }
        return out.toByteArray();
    }

    /** A protocol-2 pickle: PROTO 2, the body, STOP. */
    static byte[] pickle(Object... body) {
        return of(0x80, 2, of(body), ".");
    }

    /** A .pt zip archive with root "archive" holding {@code data.pkl} and the given records. */
    static byte[] zip(byte[] dataPkl, Map<String, byte[]> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ZipWriter z = new ZipWriter(out, "archive");
            z.entry("data.pkl", dataPkl);
            for (Map.Entry<String, byte[]> e : records.entrySet()) {
                z.entry(e.getKey(), e.getValue());
            }
            z.finish();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    /** A legacy stream: magic, protocol, sys info, the given object pickle, an empty storage key list. */
    static byte[] legacy(byte[] objectPickle) {
        byte[] magic = pickle(0x8a, 10, new byte[]{0x6c, (byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9, 0x20, 0x6a,
                (byte) 0xa8, 0x50, 0x19});
        byte[] protocol = pickle("M", 0xe9, 0x03);
        byte[] sysInfo = pickle("}");
        byte[] keys = pickle("]");
        return of(magic, protocol, sysInfo, objectPickle, keys);
    }

    /** A BINUNICODE string. */
    static byte[] str(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return of("X", utf8.length & 0xff, (utf8.length >> 8) & 0xff, 0, 0, utf8);
    }
}
