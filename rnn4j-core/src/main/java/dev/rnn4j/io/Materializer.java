package dev.rnn4j.io;

import dev.rnn4j.LongTensor;
import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.nn.Parameter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the unpickled Python values into plain Java values: dicts into ordered maps, lists and
 * tuples into lists, tensors into {@link Tensor} (floating dtypes, as float32) or
 * {@link LongTensor} (integer and bool dtypes). A value reached twice becomes one Java object,
 * as in Python; tensors that view one storage share one float array. Refuses cycles and
 * nesting deeper than {@link #MAX_DEPTH}, so the walk is bounded by the pickle's size.
 */
final class Materializer {

    static final int MAX_DEPTH = 500;

    private final StorageResolver storages;
    private final IdentityHashMap<Object, Object> done = new IdentityHashMap<>();
    private final Set<Object> open = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<String, Object> decodedStorages = new HashMap<>();

    private long copyLeft;

    /** {@code copyBudget}: how many integer elements may be copied in all (they are copied, not viewed). */
    Materializer(StorageResolver storages, long copyBudget) {
        this.storages = storages;
        this.copyLeft = copyBudget;
    }

    Object convert(Object o) throws FormatException {
        return convert(o, 0);
    }

    private Object convert(Object o, int depth) throws FormatException {
        if (o == null || o instanceof Long || o instanceof Double || o instanceof String || o instanceof Boolean
                || o instanceof java.math.BigInteger || o instanceof byte[]) {
            return o;
        }
        if (depth > MAX_DEPTH) {
            throw new FormatException("the pickled object is nested deeper than " + MAX_DEPTH + " levels");
        }
        Object seen = done.get(o);
        if (seen != null) {
            return seen;
        }
        if (!open.add(o)) {
            throw new FormatException("the pickled object contains itself (a reference cycle)");
        }
        Object out = convertNew(o, depth + 1);
        open.remove(o);
        done.put(o, out);
        return out;
    }

    private Object convertNew(Object o, int depth) throws FormatException {
        if (o instanceof Py.Dict d) {
            Map<Object, Object> m = new LinkedHashMap<>();
            for (Map.Entry<Object, Object> e : d.map.entrySet()) {
                m.put(convert(e.getKey(), depth), convert(e.getValue(), depth));
            }
            return m;
        }
        if (o instanceof Py.PyList l) {
            return list(l.items.toArray(), depth);
        }
        if (o instanceof Py.Tuple t) {
            return list(t.items, depth);
        }
        if (o instanceof Py.PySet s) {
            Set<Object> out = new LinkedHashSet<>();
            for (Object item : s.items) {
                out.add(convert(item, depth));
            }
            return out;
        }
        if (o instanceof Py.Global g) {
            return g.fullName();    // a dtype or other allowed name kept as a value: its dotted name
        }
        if (o instanceof TensorRef t) {
            return tensor(t);
        }
        if (o instanceof StorageRef s) {
            return tensor(new TensorRef(s, s.dtype(), 0, new int[]{(int) Math.min(s.numel(), Integer.MAX_VALUE)},
                    new int[]{1}, false, false));
        }
        throw new FormatException("cannot convert a " + Py.typeName(o) + " to a Java value");
    }

    private List<Object> list(Object[] items, int depth) throws FormatException {
        List<Object> out = new ArrayList<>(items.length);
        for (Object item : items) {
            out.add(convert(item, depth));
        }
        return out;
    }

    /** A tensor over its storage's decoded elements; integer dtypes copied into a contiguous LongTensor. */
    Object tensor(TensorRef t) throws FormatException {
        StorageRef s = t.storage();
        long offset = s.viewOffset() + t.offset();
        if (t.dtype().floating) {
            float[] data = floats(s, t.dtype());
            Tensor out = Torch.fromArray(data, Math.toIntExact(offset), t.shape(), t.strides());
            if (t.parameter()) {
                Parameter p = new Parameter(out);
                return t.requiresGrad() ? p : p.requiresGrad(false);
            }
            return t.requiresGrad() ? out.requiresGrad(true) : out;
        }
        long[] data = longs(s, t.dtype());
        copyLeft -= t.numel();
        if (copyLeft < 0) {
            throw new FormatException("integer tensors expand to far more elements than the file holds (a view of "
                    + t.numel() + " elements over a storage of " + s.numel() + "); rnn4j copies integer tensors");
        }
        return LongTensor.of(gather(data, offset, t.shape(), t.strides()), t.shape());
    }

    private float[] floats(StorageRef s, DType t) throws FormatException {
        return (float[]) decoded(s, t, (bytes, n) -> StorageDecoder.floats(bytes, 0, n, t, storages.order()));
    }

    private long[] longs(StorageRef s, DType t) throws FormatException {
        return (long[]) decoded(s, t, (bytes, n) -> StorageDecoder.longs(bytes, 0, n, t, storages.order()));
    }

    /** Decodes a storage's elements: a {@code float[]} or {@code long[]} of all of them. */
    private interface Decoder {
        Object decode(ByteSource bytes, long count) throws FormatException;
    }

    /** A root storage's elements as {@code t}, decoded once and shared by every tensor that views it. */
    private Object decoded(StorageRef s, DType t, Decoder decoder) throws FormatException {
        String key = s.rootKey() + "\0" + t;
        Object data = decodedStorages.get(key);
        if (data == null) {
            ByteSource bytes = storages.bytes(s);
            data = decoder.decode(bytes, bytes.size() / t.size);
            decodedStorages.put(key, data);
        }
        return data;
    }

    /** The elements of a strided view in row-major order. */
    private static long[] gather(long[] data, long offset, int[] shape, int[] strides) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        long[] out = new long[n];
        int[] index = new int[shape.length];
        for (int i = 0; i < n; i++) {
            long pos = offset;
            for (int d = 0; d < shape.length; d++) {
                pos += (long) index[d] * strides[d];
            }
            out[i] = data[(int) pos];
            for (int d = shape.length - 1; d >= 0 && ++index[d] == shape[d]; d--) {
                index[d] = 0;
            }
        }
        return out;
    }
}
