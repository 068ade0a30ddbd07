package dev.rnn4j.io;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * The stream format of {@code torch.save} before 1.6 ({@code _use_new_zipfile_serialization=False}):
 * five pickles (magic number, protocol version, sys info, the object, the list of storage
 * keys), then each storage's raw bytes in list order, each after its element count as an
 * int64. Byte order is the sys info's {@code little_endian}.
 */
final class LegacyCheckpoint implements StorageResolver {

    static final BigInteger MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    private static final long PROTOCOL_VERSION = 1001;

    /** A root storage as the pickle declares it, and where its bytes lie once the stream is read. */
    private static final class Root {
        final DType dtype;
        final long numel;
        long dataOffset = -1;

        Root(DType dtype, long numel) {
            this.dtype = dtype;
            this.numel = numel;
        }
    }

    private final ByteSource src;
    private final Map<String, Root> roots = new HashMap<>();
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

    private LegacyCheckpoint(ByteSource src) {
        this.src = src;
    }

    static boolean looksLegacy(ByteSource src) throws FormatException {
        return src.size() >= 2 && (src.slice(0, 1, "pickle").get() & 0xff) == 0x80;
    }

    static Checkpoint read(ByteSource src) throws FormatException {
        LegacyCheckpoint ckpt = new LegacyCheckpoint(src);
        ByteBuffer in = src.slice(0, Math.min(src.size(), ByteSource.MAX_SLICE), "the legacy pickles");
        PickleMachine.PersistentLoader none = pid -> {
            throw new FormatException("unexpected persistent id in a legacy header pickle");
        };
        if (!MAGIC.equals(new PickleMachine(in, none).load())) {
            throw new FormatException("not a PyTorch file: the legacy magic number is wrong");
        }
        Object protocol = new PickleMachine(in, none).load();
        if (!Long.valueOf(PROTOCOL_VERSION).equals(protocol)) {
            throw new FormatException("unsupported legacy protocol version " + Py.typeName(protocol) + " " + protocol);
        }
        ckpt.sysInfo(new PickleMachine(in, none).load());
        Object root = new PickleMachine(in, ckpt::storage).load();
        ckpt.locateData(new PickleMachine(in, none).load(), in.position());
        String format = "PyTorch legacy stream (protocol 1001, " + (ckpt.order == ByteOrder.LITTLE_ENDIAN ? "little"
                : "big") + "-endian, " + ckpt.roots.size() + " storages)";
        return new Checkpoint(root, ckpt, format, src.size());
    }

    private void sysInfo(Object info) throws FormatException {
        if (!(info instanceof Py.Dict d)) {
            throw new FormatException("legacy sys info must be a dict, got a " + Py.typeName(info));
        }
        if (Boolean.FALSE.equals(d.map.get("little_endian"))) {
            order = ByteOrder.BIG_ENDIAN;
        }
    }

    /** persistent_load: {@code ('storage', type, root_key, location, numel, view_metadata)}. */
    private Object storage(Object pid) throws FormatException {
        Object[] id = StorageIds.items(pid, 6);
        StorageIds.Common common = StorageIds.common(id);
        DType dtype = common.dtype();
        String rootKey = common.key();
        String location = common.location();
        long numel = common.numel();
        Root root = roots.get(rootKey);
        if (root == null) {
            roots.put(rootKey, root = new Root(dtype, numel));
        } else if (root.dtype != dtype || root.numel != numel) {
            throw new FormatException("storage '" + Globals.shown(rootKey) + "' is declared twice differently");
        }
        if (id[5] == null) {
            return new StorageRef(rootKey, rootKey, 0, dtype, numel, location);
        }
        Object[] view = StorageIds.items(id[5], 3);
        String viewKey = StorageIds.string(view[0], "storage view key");
        long offset = StorageIds.count(view[1], "storage view offset");
        long size = StorageIds.count(view[2], "storage view size");
        if (offset + size > numel) {
            throw new FormatException("storage view '" + Globals.shown(viewKey) + "' [" + offset + ", " + (offset + size)
                    + ") lies outside its storage of " + numel + " elements");
        }
        return new StorageRef(viewKey, rootKey, offset, dtype, size, location);
    }

    /** Walks the raw storages after the pickles, checking each count against the pickle's declaration. */
    private void locateData(Object keys, long start) throws FormatException {
        if (!(keys instanceof Py.PyList list)) {
            throw new FormatException("legacy storage key list must be a list, got a " + Py.typeName(keys));
        }
        long pos = start;
        for (Object k : list.items) {
            String key = StorageIds.string(k, "storage key");
            Root root = roots.get(key);
            if (root == null) {
                throw new FormatException("storage key '" + Globals.shown(key) + "' is listed but never used");
            }
            if (root.dataOffset >= 0) {
                throw new FormatException("storage key '" + Globals.shown(key) + "' is listed twice");
            }
            long count = src.slice(pos, 8, "storage '" + Globals.shown(key) + "' size").order(order).getLong();
            if (count != root.numel) {
                throw new FormatException("storage '" + Globals.shown(key) + "' has " + count
                        + " elements in the stream but " + root.numel + " in the pickle");
            }
            root.dataOffset = pos + 8;
            pos = root.dataOffset + root.numel * root.dtype.size;
            src.sub(root.dataOffset, root.numel * root.dtype.size, "storage '" + Globals.shown(key) + "'");
        }
    }

    @Override
    public ByteSource bytes(StorageRef s) throws FormatException {
        Root root = roots.get(s.rootKey());
        if (root == null || root.dataOffset < 0) {
            throw new FormatException("storage '" + Globals.shown(s.rootKey()) + "' has no data in the file");
        }
        return src.sub(root.dataOffset, root.numel * root.dtype.size, "storage '" + Globals.shown(s.rootKey()) + "'");
    }

    @Override
    public ByteOrder order() {
        return order;
    }
}
