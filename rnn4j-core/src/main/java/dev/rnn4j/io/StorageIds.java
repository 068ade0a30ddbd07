package dev.rnn4j.io;

/** Reads the parts of a storage's persistent id: {@code ('storage', type, key, location, numel, ...)}. */
final class StorageIds {

    private StorageIds() {
    }

    /** The items both formats share: {@code (storage_type, key, location, numel)} after the "storage" tag. */
    record Common(DType dtype, String key, String location, long numel) {
    }

    static Common common(Object[] id) throws FormatException {
        return new Common(dtype(id[1]), string(id[2], "storage key"), string(id[3], "storage location"),
                count(id[4], "storage size"));
    }

    /** The tuple behind a persistent id, with exactly {@code arity} items. */
    static Object[] items(Object pid, int arity) throws FormatException {
        if (!(pid instanceof Py.Tuple t) || t.items.length != arity) {
            throw new FormatException("a storage persistent id must be a tuple of " + arity + " items, got a "
                    + Py.typeName(pid) + (pid instanceof Py.Tuple t2 ? " of " + t2.items.length : ""));
        }
        return t.items;
    }

    /** The dtype of a storage type global ({@code torch.FloatStorage}, {@code torch.cuda.LongStorage}, untyped). */
    static DType dtype(Object type) throws FormatException {
        if (type instanceof Py.Global g) {
            if (g.fullName().equals("torch.storage.UntypedStorage")) {
                return DType.UINT8;
            }
            DType t = DType.ofStorageClass(g.name());
            if (t != null && (g.module().equals("torch") || g.module().equals("torch.cuda"))) {
                return t;
            }
        }
        throw new FormatException("unsupported storage type " + Py.typeName(type)
                + " (rnn4j reads float64/32/16, bfloat16, int64/32/16/8, uint8 and bool)");
    }

    static String string(Object o, String what) throws FormatException {
        if (o instanceof String s) {
            return s;
        }
        if (o instanceof byte[] b) {
            return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        throw new FormatException(what + " must be a string, got a " + Py.typeName(o));
    }

    static long count(Object o, String what) throws FormatException {
        if (!(o instanceof Long n) || n < 0 || n > Long.MAX_VALUE / 8) {
            throw new FormatException(what + " must be a non-negative int, got " + (o instanceof Long ? o : "a "
                    + Py.typeName(o)));
        }
        return n;
    }
}
