package dev.rnn4j.io;

import dev.rnn4j.LongTensor;
import dev.rnn4j.Shape;
import dev.rnn4j.Tensor;
import dev.rnn4j.nn.Parameter;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code torch.save} of Java values: maps become dicts, lists lists, {@link Tensor} a float32
 * tensor ({@link Parameter} an {@code nn.Parameter}), {@link LongTensor} an int64 tensor;
 * numbers, strings, booleans and null their Python twins. Each distinct tensor object gets
 * its own contiguous storage (the same object saved twice shares one). The whole object is
 * checked while its pickle is built, before a byte reaches the file.
 */
final class TorchSaver {

    private record Storage(String key, Object tensor) {
    }

    private final PickleWriter pickle = new PickleWriter();
    private final IdentityHashMap<Object, String> keys = new IdentityHashMap<>();
    private final List<Storage> storages = new ArrayList<>();

    private TorchSaver() {
    }

    /** Writes the zip archive of {@code obj} with root folder {@code archiveName} to {@code out}. */
    static void write(Object obj, String archiveName, OutputStream out) throws IOException {
        TorchSaver s = new TorchSaver();
        s.value(obj, "obj", 0);
        byte[] pkl = s.pickle.finish();
        ZipWriter zip = new ZipWriter(out, archiveName);
        zip.entry("data.pkl", pkl);
        zip.entry(".format_version", ascii("1"));
        zip.entry(".storage_alignment", ascii("64"));
        zip.entry("byteorder", ascii("little"));
        for (Storage st : s.storages) {
            byte[] data = littleEndian(st.tensor());
            zip.entry("data/" + st.key(), data);
        }
        zip.entry("version", ascii("3\n"));
        zip.finish();
    }

    private void value(Object o, String path, int depth) {
        if (depth > Materializer.MAX_DEPTH) {
            throw new IllegalArgumentException(path + ": nested deeper than " + Materializer.MAX_DEPTH
                    + " levels (does it contain itself?)");
        }
        if (o == null) {
            pickle.none();
        } else if (o instanceof Boolean b) {
            pickle.bool(b);
        } else if (o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte) {
            pickle.integer(((Number) o).longValue());
        } else if (o instanceof BigInteger b) {
            pickle.bigInteger(b);
        } else if (o instanceof Double || o instanceof Float) {
            pickle.binFloat(((Number) o).doubleValue());
        } else if (o instanceof String s) {
            pickle.string(s);
        } else if (o instanceof Parameter p) {
            pickle.global("torch._utils", "_rebuild_parameter");
            pickle.mark();
            tensor(p, DType.FLOAT32, p.shape().toArray(), false);
            pickle.bool(p.requiresGrad());
            emptyOrderedDict();
            pickle.tuple();
            pickle.reduce();
        } else if (o instanceof Tensor t) {
            tensor(t, DType.FLOAT32, t.shape().toArray(), t.requiresGrad());
        } else if (o instanceof LongTensor t) {
            tensor(t, DType.INT64, t.shape().toArray(), false);
        } else if (o instanceof Map<?, ?> m) {
            dict(m, path, depth);
        } else if (o instanceof Collection<?> c) {
            list(c, path, depth);
        } else {
            throw new IllegalArgumentException(path + ": a " + o.getClass().getName() + " cannot be saved (torch.save "
                    + "files hold maps, lists, tensors, numbers, strings, booleans and null)");
        }
    }

    private void dict(Map<?, ?> m, String path, int depth) {
        pickle.emptyDict();
        if (m.isEmpty()) {
            return;
        }
        pickle.mark();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            Object k = e.getKey();
            if (!(k == null || k instanceof String || k instanceof Boolean || k instanceof Long || k instanceof Integer
                    || k instanceof Short || k instanceof Byte || k instanceof Double || k instanceof Float)) {
                throw new IllegalArgumentException(path + ": a dict key must be a string, number, boolean or null, "
                        + "not a " + k.getClass().getName());
            }
            value(k, path, depth + 1);
            value(e.getValue(), path + "[" + (k instanceof String ? "'" + k + "'" : k) + "]", depth + 1);
        }
        pickle.setItems();
    }

    private void list(Collection<?> c, String path, int depth) {
        pickle.emptyList();
        if (c.isEmpty()) {
            return;
        }
        pickle.mark();
        int i = 0;
        for (Object item : c) {
            value(item, path + "[" + i++ + "]", depth + 1);
        }
        pickle.appends();
    }

    /** {@code _rebuild_tensor_v2(storage, 0, size, contiguous stride, requires_grad, OrderedDict())}. */
    private void tensor(Object t, DType dtype, int[] shape, boolean requiresGrad) {
        String key = keys.get(t);
        if (key == null) {
            key = Integer.toString(storages.size());
            keys.put(t, key);
            storages.add(new Storage(key, t));
        }
        long numel = 1;
        for (int d : shape) {
            numel *= d;
        }
        pickle.global("torch._utils", "_rebuild_tensor_v2");
        pickle.mark();
        pickle.mark();
        pickle.string("storage");
        pickle.global("torch", dtype.storageClass);
        pickle.string(key);
        pickle.string("cpu");
        pickle.integer(numel);
        pickle.tuple();
        pickle.persistentId();
        pickle.integer(0);
        ints(shape);
        ints(Shape.contiguousStrides(shape));
        pickle.bool(requiresGrad);
        emptyOrderedDict();
        pickle.tuple();
        pickle.reduce();
    }

    private void ints(int[] values) {
        pickle.mark();
        for (int v : values) {
            pickle.integer(v);
        }
        pickle.tuple();
    }

    private void emptyOrderedDict() {
        pickle.global("collections", "OrderedDict");
        pickle.emptyTuple();
        pickle.reduce();
    }

    /** A tensor's elements as little-endian float32 or int64 bytes, in row-major order. */
    static byte[] littleEndian(Object t) {
        if (t instanceof Tensor f) {
            float[] v = f.toFloatArray();
            ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(v);
            return b.array();
        }
        long[] v = ((LongTensor) t).toLongArray();
        ByteBuffer b = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(v);
        return b.array();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
