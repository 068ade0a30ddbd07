package dev.rnn4j.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Damaged and hostile files: each a FormatException naming the problem, quickly and in little memory. */
class HostileInputTest {

    private static String fails(Executable load, String... words) {
        FormatException e = assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
                () -> assertThrows(FormatException.class, load));
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), "'" + w + "' not in: " + e.getMessage());
        }
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    private static byte[] golden(String name) throws Exception {
        return Files.readAllBytes(InterchangeGoldenTest.file(name));
    }

    /** A float32 tensor of {@code shape} over storage "0" of {@code numel} elements. */
    private static byte[] tensorPickle(int numel, int... shape) {
        ByteArrayOutputStream dims = new ByteArrayOutputStream();
        ByteArrayOutputStream strides = new ByteArrayOutputStream();
        int[] contiguous = dev.rnn4j.Shape.contiguousStrides(shape);
        for (int i = 0; i < shape.length; i++) {
            dims.writeBytes(Bytes.of("J", le32(shape[i])));
            strides.writeBytes(Bytes.of("J", le32(contiguous[i])));
        }
        return Bytes.pickle("ctorch._utils\n_rebuild_tensor_v2\n(", "(", Bytes.str("storage"),
                "ctorch\nFloatStorage\n", Bytes.str("0"), Bytes.str("cpu"), "J", le32(numel), "tQ", "K", 0,
                "(", dims.toByteArray(), "t(", strides.toByteArray(), "t", 0x89, "ccollections\nOrderedDict\n)R", "tR");
    }

    private static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    @Test
    void truncatedFilesOfEachFormat() throws Exception {
        for (String name : new String[]{"views.pt", "views_legacy.pt", "dtypes.safetensors", "views_deflated.pt"}) {
            byte[] whole = golden(name);
            for (int cut : new int[]{0, 5, 30, whole.length / 2, whole.length - 30, whole.length - 1}) {
                byte[] part = Arrays.copyOf(whole, cut);
                fails(() -> load(name, part));
            }
        }
    }

    private static Object load(String name, byte[] bytes) throws FormatException {
        return name.endsWith(".safetensors") ? SafeTensors.load(bytes) : TorchFiles.load(bytes);
    }

    @Test
    void aStorageShorterThanItsTensor() {
        byte[] zip = Bytes.zip(tensorPickle(4, 2, 3), Map.of("data/0", new byte[16]));
        fails(() -> TorchFiles.load(zip), "storage '0' holds 4 float32 elements", "[2, 3]");
        byte[] wrongRecord = Bytes.zip(tensorPickle(6, 2, 3), Map.of("data/0", new byte[16]));
        fails(() -> TorchFiles.load(wrongRecord), "data/0 holds 16 bytes", "6 float32 elements");
        byte[] missing = Bytes.zip(tensorPickle(6, 2, 3), Map.of());
        fails(() -> TorchFiles.load(missing), "no record data/0");
    }

    @Test
    void aPickleClaimingGigabytes() {
        // a storage of 2^31 floats: refused against the record's real size before anything is allocated
        byte[] zip = Bytes.zip(tensorPickle(Integer.MAX_VALUE, 65536, 32768), Map.of("data/0", new byte[16]));
        fails(() -> TorchFiles.load(zip), "holds 16 bytes");
        // a BINUNICODE of 4 GB in a 20-byte pickle
        fails(() -> TorchFiles.load(Bytes.zip(Bytes.pickle("X", 0xff, 0xff, 0xff, 0xff, "abc"), Map.of())),
                "truncated pickle");
    }

    @Test
    void safetensorsHeaders() {
        fails(() -> SafeTensors.load(header("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12)), "overlap");
        fails(() -> SafeTensors.load(header("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 4)),
                "truncated");
        fails(() -> SafeTensors.load(header("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8)),
                "needs 12 bytes");
        fails(() -> SafeTensors.load(header("{\"a\":{\"dtype\":\"C64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 8)),
                "dtype C64");
        fails(() -> SafeTensors.load(header("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 8)),
                "holds 8 bytes but the tensors cover 4");
        fails(() -> SafeTensors.load(header("{\"a\":[", 0)), "bad JSON");
        fails(() -> SafeTensors.load(header("[".repeat(100_000), 0)), "nested deeper");
        byte[] huge = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(3L << 30).array();
        fails(() -> SafeTensors.load(huge), "more than the 100 MB limit");
    }

    private static byte[] header(String json, int dataBytes) {
        byte[] text = json.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + text.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(text.length).put(text).array();
    }

    @Test
    void unknownStorageType() {
        byte[] p = Bytes.pickle("(", Bytes.str("storage"), "ctorch\nComplexFloatStorage\n", Bytes.str("0"),
                Bytes.str("cpu"), "K", 1, "tQ");
        fails(() -> TorchFiles.load(Bytes.zip(p, Map.of("data/0", new byte[8]))),
                "unsupported storage type torch.ComplexFloatStorage");
    }

    @Test
    void deepNestingAndCycles() {
        int depth = 200_000;
        byte[] nested = Bytes.pickle("]".repeat(depth), "a".repeat(depth - 1));
        fails(() -> TorchFiles.load(Bytes.zip(nested, Map.of())), "nested deeper than");
        // l = []; l.append(l)
        fails(() -> TorchFiles.load(Bytes.zip(Bytes.pickle("]q", 0, "h", 0, "a"), Map.of())), "contains itself");
        // tuples of tuples as a dict key: bounded hashing, no stack overflow
        byte[] key = Bytes.pickle("}", "K", 1, new String(new char[5000]).replace('\0', (char) 0x85), "K", 2, "s");
        fails(() -> TorchFiles.load(Bytes.zip(key, Map.of())), "unhashable");
    }

    @Test
    void workThatWouldGrowFasterThanTheFile() throws Exception {
        // one 10,000-item tuple reused as a dict key again and again
        byte[] key = Bytes.pickle("}((", "K\u0001".repeat(10_000), "tq", 0, "K", 1, "h\u0000K\u0001".repeat(1000), "u");
        fails(() -> TorchFiles.load(Bytes.zip(key, Map.of())), "oversized dict key");
        // one 50,000-item list passed to set() a hundred thousand times
        byte[] calls = Bytes.pickle("](", "K\u0001".repeat(50_000), "eq", 0, "cbuiltins\nset\nq", 1,
                ("h\u0001h\u0000" + (char) 0x85 + "R").repeat(100_000));
        fails(() -> TorchFiles.load(Bytes.zip(calls, Map.of())), "copy far more items");
        // an int64 view of 2^30 elements, stride 0, over a storage of one element
        byte[] expand = Bytes.pickle("ctorch._utils\n_rebuild_tensor_v2\n(", "(", Bytes.str("storage"),
                "ctorch\nLongStorage\n", Bytes.str("0"), Bytes.str("cpu"), "K", 1, "tQK", 0, "J", le32(1 << 30), 0x85,
                "K", 0, 0x85, 0x89, "ccollections\nOrderedDict\n)R", "tR");
        fails(() -> TorchFiles.load(Bytes.zip(expand, Map.of("data/0", new byte[8]))), "expand to far more elements");
        // a list reachable along 2^60 paths: Inspect stops, Torch.load converts each list once
        StringBuilder dag = new StringBuilder("]q\u0000");
        for (int i = 1; i <= 60; i++) {
            dag.append("](h").append((char) (i - 1)).append("h").append((char) (i - 1)).append("eq").append((char) i);
        }
        byte[] shared = Bytes.zip(Bytes.pickle(dag.toString()), Map.of());
        Files.write(dir().resolve("dag.pt"), shared);
        String text = assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), () -> Inspect.text(dir().resolve("dag.pt")));
        assertTrue(text.contains("stopped after 100000 values"), text);
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), () -> TorchFiles.load(shared));
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path tmp;

    private java.nio.file.Path dir() {
        return tmp;
    }

    @Test
    void zipBombsAndEntriesOutsideTheRoot() throws Exception {
        byte[] zeros = new byte[1 << 20];
        byte[] bomb = deflatedZip("archive/data.pkl", zeros, 3_000_000_000L);
        fails(() -> TorchFiles.load(bomb), "zip bomb");
        byte[] liar = deflatedZip("archive/data.pkl", zeros, 1 << 19);
        fails(() -> TorchFiles.load(liar), "longer than its declared");
        fails(() -> TorchFiles.load(deflatedZip("archive/../../etc/passwd", zeros, zeros.length)),
                "outside the archive root");
        byte[] two = storedZip(new String[]{"archive/data.pkl", "elsewhere/data/0"});
        fails(() -> TorchFiles.load(two), "outside the archive root 'archive/'");
        fails(() -> TorchFiles.load(storedZip(new String[]{"data.pkl"})), "not inside a root folder");
        fails(() -> TorchFiles.load(storedZip(new String[]{"a/x.pkl"})), "no data.pkl");
    }

    /** One deflated entry whose central directory claims {@code claimed} bytes. */
    private static byte[] deflatedZip(String name, byte[] content, long claimed) {
        Deflater d = new Deflater(9, true);
        d.setInput(content);
        d.finish();
        byte[] buf = new byte[content.length + 64];
        int n = d.deflate(buf);
        d.end();
        return zipOf(name, Arrays.copyOf(buf, n), 8, claimed);
    }

    private static byte[] storedZip(String[] names) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream cd = new ByteArrayOutputStream();
        for (String name : names) {
            byte[] one = zipOf(name, Bytes.pickle("N"), 0, Bytes.pickle("N").length);
            int cdStart = findCentral(one);
            byte[] local = Arrays.copyOf(one, cdStart);
            byte[] central = Arrays.copyOfRange(one, cdStart, one.length - 22);
            ByteBuffer.wrap(central).order(ByteOrder.LITTLE_ENDIAN).putInt(42, out.size());
            out.writeBytes(local);
            cd.writeBytes(central);
        }
        int cdOffset = out.size();
        out.writeBytes(cd.toByteArray());
        out.writeBytes(ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN).putInt(0x06054b50).putInt(0)
                .putShort((short) names.length).putShort((short) names.length).putInt(cd.size()).putInt(cdOffset)
                .putShort((short) 0).array());
        return out.toByteArray();
    }

    private static int findCentral(byte[] zip) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        return b.getInt(zip.length - 22 + 16);
    }

    /** A minimal zip of one entry: local header, data, central directory, end record. */
    private static byte[] zipOf(String name, byte[] data, int method, long claimedSize) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(data);
        ByteBuffer b = ByteBuffer.allocate(30 + n.length + data.length + 46 + n.length + 22)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) method).putInt(0)
                .putInt((int) crc.getValue()).putInt(data.length).putInt((int) claimedSize)
                .putShort((short) n.length).putShort((short) 0).put(n).put(data);
        int cd = b.position();
        b.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0).putShort((short) method)
                .putInt(0).putInt((int) crc.getValue()).putInt(data.length).putInt((int) claimedSize)
                .putShort((short) n.length).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                .putShort((short) 0).putInt(0).putInt(0).put(n);
        int cdSize = b.position() - cd;
        b.putInt(0x06054b50).putInt(0).putShort((short) 1).putShort((short) 1).putInt(cdSize).putInt(cd)
                .putShort((short) 0);
        return b.array();
    }
}
