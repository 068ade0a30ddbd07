package dev.rnn4j.io;

/** The allowed container constructors a pickle may call: OrderedDict, Counter, set, torch.Size, torch.device. */
final class Containers {

    private Containers() {
    }

    /** {@code OrderedDict()} or {@code OrderedDict(pairs)}. */
    static Py.Dict dictOf(Py.Dict.Kind kind, Py.Tuple args) throws FormatException {
        Py.Dict d = new Py.Dict(kind);
        if (args.items.length == 0) {
            return d;
        }
        if (args.items.length != 1) {
            throw new FormatException("OrderedDict expects at most one argument, got " + args.items.length);
        }
        if (args.items[0] instanceof Py.Dict other) {
            d.map.putAll(other.map);
            return d;
        }
        for (Object pair : items(args.items[0], "OrderedDict")) {
            if (!(pair instanceof Py.Tuple t) || t.items.length != 2) {
                throw new FormatException("OrderedDict expects (key, value) pairs, got a " + Py.typeName(pair));
            }
            put(d, t.items[0], t.items[1]);
        }
        return d;
    }

    /** {@code d[key] = value}, refusing keys Python could not hash. */
    static void put(Py.Dict d, Object key, Object value) throws FormatException {
        if (!Py.hashable(key)) {
            throw new FormatException("unhashable or oversized dict key of type " + Py.typeName(key));
        }
        d.map.put(key, value);
    }

    static Py.PySet setOf(Py.Tuple args) throws FormatException {
        Py.PySet s = new Py.PySet();
        if (args.items.length == 0) {
            return s;
        }
        if (args.items.length != 1) {
            throw new FormatException("set expects at most one argument");
        }
        for (Object item : items(args.items[0], "set")) {
            if (!Py.hashable(item)) {
                throw new FormatException("unhashable or oversized set member of type " + Py.typeName(item));
            }
            s.items.add(item);
        }
        return s;
    }

    /** {@code torch.Size((2, 3))}: a tuple of non-negative ints. */
    static Py.Tuple size(Py.Tuple args) throws FormatException {
        if (args.items.length != 1 || !(args.items[0] instanceof Py.Tuple dims)) {
            throw new FormatException("torch.Size expects one tuple of ints");
        }
        for (Object d : dims.items) {
            if (!(d instanceof Long n) || n < 0) {
                throw new FormatException("torch.Size expects non-negative ints, got a " + Py.typeName(d));
            }
        }
        return dims;
    }

    /** {@code torch.device("cuda", 0)} as the string {@code "cuda:0"}. */
    static String device(Py.Tuple args) throws FormatException {
        if (args.items.length == 1 && args.items[0] instanceof String s) {
            return s;
        }
        if (args.items.length == 2 && args.items[0] instanceof String s && args.items[1] instanceof Long i) {
            return s + ":" + i;
        }
        throw new FormatException("torch.device expects (type) or (type, index)");
    }

    private static Object[] items(Object iterable, String what) throws FormatException {
        if (iterable instanceof Py.PyList l) {
            return l.items.toArray();
        }
        if (iterable instanceof Py.Tuple t) {
            return t.items;
        }
        if (iterable instanceof Py.PySet s) {
            return s.items.toArray();
        }
        throw new FormatException(what + " expects a list or tuple, got a " + Py.typeName(iterable));
    }
}
