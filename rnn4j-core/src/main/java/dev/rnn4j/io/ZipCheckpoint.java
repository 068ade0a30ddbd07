package dev.rnn4j.io;

import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * The zip format of {@code torch.save} (PyTorch 1.6 and later): {@code ROOT/data.pkl} holds the
 * pickle, {@code ROOT/data/KEY} each storage's raw bytes, {@code ROOT/byteorder} their byte
 * order ("little" when absent, as PyTorch assumes).
 */
final class ZipCheckpoint implements StorageResolver {

    private final ZipArchive zip;
    private final ByteOrder order;
    private final Map<String, ByteSource> opened = new HashMap<>();

    private ZipCheckpoint(ZipArchive zip, ByteOrder order) {
        this.zip = zip;
        this.order = order;
    }

    static Checkpoint read(ByteSource src) throws FormatException {
        ZipArchive zip = ZipArchive.read(src);
        ZipArchive.Entry pkl = zip.entry("data.pkl");
        if (pkl == null) {
            boolean script = zip.entry("constants.pkl") != null || zip.entries().stream()
                    .anyMatch(e -> e.name().startsWith("code/"));
            throw new FormatException("the archive has no data.pkl"
                    + (script ? ": it is a TorchScript archive (torch.jit.save), which rnn4j does not read" : ""));
        }
        ZipCheckpoint ckpt = new ZipCheckpoint(zip, byteOrder(zip));
        Object root = new PickleMachine(zip.open(pkl).all("data.pkl"), ckpt::storage).load();
        String format = "PyTorch zip archive (root folder '" + zip.root() + "', " + zip.entries().size()
                + " records, " + (ckpt.order == ByteOrder.LITTLE_ENDIAN ? "little" : "big") + "-endian)";
        return new Checkpoint(root, ckpt, format, src.size());
    }

    private static ByteOrder byteOrder(ZipArchive zip) throws FormatException {
        ZipArchive.Entry e = zip.entry("byteorder");
        if (e == null) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        if (e.size() > 16) {
            throw new FormatException("byteorder record of " + e.size() + " bytes");
        }
        java.nio.ByteBuffer b = zip.open(e).all("byteorder");
        byte[] text = new byte[b.remaining()];
        b.get(text);
        return switch (new String(text, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            case "little" -> ByteOrder.LITTLE_ENDIAN;
            case "big" -> ByteOrder.BIG_ENDIAN;
            default -> throw new FormatException("unknown byteorder record '" + Globals.shown(new String(text,
                    java.nio.charset.StandardCharsets.ISO_8859_1)) + "'");
        };
    }

    /** persistent_load: {@code ('storage', storage_type, key, location, numel)}, checked against its record. */
    private Object storage(Object pid) throws FormatException {
        StorageIds.Common id = StorageIds.common(StorageIds.items(pid, 5));
        DType dtype = id.dtype();
        String key = id.key();
        long numel = id.numel();
        ZipArchive.Entry e = zip.entry("data/" + key);
        if (e == null) {
            throw new FormatException("storage '" + Globals.shown(key) + "' has no record data/" + Globals.shown(key));
        }
        if (e.size() != numel * dtype.size) {
            throw new FormatException("storage record data/" + Globals.shown(key) + " holds " + e.size()
                    + " bytes, but the pickle declares " + numel + " " + dtype.shortName() + " elements ("
                    + numel * dtype.size + " bytes)");
        }
        return new StorageRef(key, key, 0, dtype, numel, id.location());
    }

    @Override
    public ByteSource bytes(StorageRef s) throws FormatException {
        ByteSource b = opened.get(s.rootKey());
        if (b == null) {
            b = zip.open(zip.entry("data/" + s.rootKey()));
            opened.put(s.rootKey(), b);
        }
        return b;
    }

    @Override
    public ByteOrder order() {
        return order;
    }
}
