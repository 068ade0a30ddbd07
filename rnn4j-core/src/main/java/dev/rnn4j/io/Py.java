package dev.rnn4j.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;

/**
 * The Python values the restricted unpickler builds before they become Java values: the
 * containers keep Python's distinctions (tuple or list, dict or OrderedDict) that the opcode
 * rules depend on. Scalars are plain Java objects: Long or BigInteger, Double, String,
 * Boolean, byte[], and null for None.
 */
final class Py {

    private Py() {
    }

    /** A dict; {@code kind} is how it was made, since BUILD is allowed on an OrderedDict only. */
    static final class Dict {
        enum Kind { DICT, ORDERED_DICT, COUNTER }

        final Kind kind;
        final LinkedHashMap<Object, Object> map = new LinkedHashMap<>();

        Dict(Kind kind) {
            this.kind = kind;
        }
    }

    static final class PyList {
        final ArrayList<Object> items = new ArrayList<>();
    }

    /** An immutable tuple; equal by value so that it can be a dict key. */
    static final class Tuple {
        final Object[] items;

        Tuple(Object[] items) {
            this.items = items;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Tuple t && Arrays.deepEquals(items, t.items);
        }

        @Override
        public int hashCode() {
            return Arrays.deepHashCode(items);
        }
    }

    static final class PySet {
        final LinkedHashSet<Object> items = new LinkedHashSet<>();
    }

    /** A global from the allow-list; what it does when called is decided by {@link Globals}. */
    record Global(String module, String name) {
        String fullName() {
            return module + "." + name;
        }
    }

    /** Python's type name of a value, for messages. */
    static String typeName(Object o) {
        if (o == null) {
            return "NoneType";
        }
        if (o instanceof Dict d) {
            return d.kind == Dict.Kind.DICT ? "dict" : d.kind == Dict.Kind.ORDERED_DICT ? "OrderedDict" : "Counter";
        }
        if (o instanceof PyList) {
            return "list";
        }
        if (o instanceof Tuple) {
            return "tuple";
        }
        if (o instanceof PySet) {
            return "set";
        }
        if (o instanceof Global g) {
            return g.fullName();
        }
        if (o instanceof TensorRef) {
            return "Tensor";
        }
        if (o instanceof StorageRef) {
            return "Storage";
        }
        if (o instanceof Long || o instanceof java.math.BigInteger) {
            return "int";
        }
        if (o instanceof Double) {
            return "float";
        }
        if (o instanceof String) {
            return "str";
        }
        if (o instanceof Boolean) {
            return "bool";
        }
        if (o instanceof byte[]) {
            return "bytes";
        }
        return o.getClass().getSimpleName();
    }

    /** The most values a dict key may hold (a tuple counts its items): bounds the cost of hashing and comparing it. */
    static final int MAX_KEY_SIZE = 256;

    /**
     * Whether a value may be a dict key or set member, as Python's hash() allows: scalars and
     * tuples of them, at most {@link #MAX_KEY_SIZE} values in all. The bound keeps every hash
     * and comparison cheap, so a pickle that reuses one huge key cannot make loading quadratic.
     */
    static boolean hashable(Object o) {
        return keySize(o, 0) <= MAX_KEY_SIZE;
    }

    /** The number of values in a key, or more than the limit when it is unhashable or too large. */
    private static int keySize(Object o, int counted) {
        if (o == null || o instanceof Long || o instanceof java.math.BigInteger || o instanceof Double
                || o instanceof String || o instanceof Boolean || o instanceof Global) {
            return counted + 1;
        }
        if (o instanceof Tuple t && t.items.length < MAX_KEY_SIZE) {
            int n = counted + 1;
            for (int i = 0; i < t.items.length && n <= MAX_KEY_SIZE; i++) {
                n = keySize(t.items[i], n);
            }
            return n;
        }
        return MAX_KEY_SIZE + 1;
    }
}
