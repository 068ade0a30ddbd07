package dev.rnn4j.io;

/**
 * PyTorch's tensor rebuild functions ({@code torch._utils._rebuild_tensor_v2} and kin) as the
 * pickle calls them: each checks its arguments and returns a {@link TensorRef} whose every
 * element lies inside its storage. The data is read later, only for tensors that are kept.
 */
final class TensorRebuild {

    /** More dimensions than any real tensor has; bounds the work a hostile shape can ask for. */
    private static final int MAX_DIMS = 64;

    private TensorRebuild() {
    }

    static Object call(Py.Global f, Py.Tuple args) throws FormatException {
        Object[] a = args.items;
        return switch (f.name()) {
            case "_rebuild_tensor_v2" -> {
                arity(f, a, 6, 7);
                yield tensor(a[0], a[1], a[2], a[3], a[4], null);
            }
            case "_rebuild_tensor" -> {
                arity(f, a, 4, 4);
                yield tensor(a[0], a[1], a[2], a[3], false, null);
            }
            case "_rebuild_tensor_v3" -> {
                arity(f, a, 7, 8);
                yield tensor(a[0], a[1], a[2], a[3], a[4], a[6]);
            }
            case "_rebuild_parameter", "_rebuild_parameter_with_state" -> {
                int n = f.name().endsWith("state") ? 4 : 3;
                arity(f, a, n, n);
                yield parameter(new Py.Tuple(new Object[]{a[0], a[1]}));
            }
            case "_rebuild_device_tensor_from_cpu_tensor" -> {
                arity(f, a, 4, 4);
                yield withGrad(tensorArg(a[0], f), bool(a[3], "requires_grad"));
            }
            case "_rebuild_from_type_v2" -> fromType(a);
            default -> throw new FormatException(f.fullName() + ": this kind of tensor (sparse, quantized, nested, "
                    + "meta or subclass) is not supported by rnn4j");
        };
    }

    /** {@code nn.Parameter(data, requires_grad=True)}. */
    static TensorRef parameter(Py.Tuple args) throws FormatException {
        Object[] a = args.items;
        if (a.length < 1 || a.length > 2) {
            throw new FormatException("Parameter expects (data[, requires_grad]), got " + a.length + " arguments");
        }
        TensorRef data = tensorArg(a[0], null);
        return data.withParameter(a.length < 2 || bool(a[1], "requires_grad"));
    }

    /** {@code _rebuild_from_type_v2(func, new_type, args, state)}: a tensor with Python attributes. */
    private static Object fromType(Object[] a) throws FormatException {
        if (a.length != 4 || !(a[0] instanceof Py.Global func) || !(a[1] instanceof Py.Global type)
                || !(a[2] instanceof Py.Tuple inner)) {
            throw new FormatException("_rebuild_from_type_v2 expects (func, type, args, state)");
        }
        if (!func.fullName().startsWith("torch._utils._rebuild")) {
            throw new UnsafePickleException("refused _rebuild_from_type_v2 calling " + func.fullName());
        }
        Object t = call(func, inner);
        return switch (type.fullName()) {
            case "torch.Tensor" -> t;
            case "torch.nn.parameter.Parameter" -> tensorArg(t, type).withParameter(true);
            default -> throw new FormatException("tensor subclass " + type.fullName() + " is not supported by rnn4j");
        };
    }

    private static TensorRef tensor(Object storage, Object offset, Object size, Object stride, Object requiresGrad,
                                    Object dtype) throws FormatException {
        if (!(storage instanceof StorageRef s)) {
            throw new FormatException("_rebuild_tensor expects a storage, got a " + Py.typeName(storage));
        }
        DType t = s.dtype();
        if (dtype != null) {
            t = dtype instanceof Py.Global g ? DType.ofTorchName(g.fullName()) : null;
            if (t == null) {
                throw new FormatException("unsupported dtype " + Py.typeName(dtype));
            }
        }
        int[] shape = ints(size, "size");
        int[] strides = ints(stride, "stride");
        if (shape.length != strides.length) {
            throw new FormatException("a tensor of " + shape.length + " dimensions with " + strides.length + " strides");
        }
        long off = longArg(offset, "storage_offset");
        checkInside(s, t, off, shape, strides);
        return new TensorRef(s, t, off, shape, strides, bool(requiresGrad, "requires_grad"), false);
    }

    /** Every element the view reaches must lie inside the storage: refuses a storage shorter than its tensor. */
    private static void checkInside(StorageRef s, DType t, long offset, int[] shape, int[] strides)
            throws FormatException {
        long numel = 1;
        long last = offset;
        try {
            for (int d = 0; d < shape.length; d++) {
                numel = Math.multiplyExact(numel, shape[d]);
                if (shape[d] > 0) {
                    last = Math.addExact(last, Math.multiplyExact(shape[d] - 1L, strides[d]));
                }
            }
            if (numel > StorageDecoder.MAX_ELEMENTS) {
                throw new FormatException("a tensor of " + numel + " elements is more than rnn4j holds");
            }
            if (numel > 0 && Math.multiplyExact(last + 1, t.size) > s.nbytes()) {
                throw new FormatException("storage '" + Globals.shown(s.key()) + "' holds " + s.numel() + " "
                        + s.dtype().shortName() + " elements, but a tensor of shape " + java.util.Arrays.toString(shape)
                        + " at offset " + offset + " needs element " + last);
            }
        } catch (ArithmeticException e) {
            throw new FormatException("tensor shape " + java.util.Arrays.toString(shape) + " overflows", e);
        }
    }

    private static int[] ints(Object o, String what) throws FormatException {
        if (!(o instanceof Py.Tuple t)) {
            throw new FormatException(what + " must be a tuple of ints, got a " + Py.typeName(o));
        }
        if (t.items.length > MAX_DIMS) {
            throw new FormatException(what + " has " + t.items.length + " dimensions, more than " + MAX_DIMS);
        }
        int[] out = new int[t.items.length];
        for (int i = 0; i < out.length; i++) {
            long v = longArg(t.items[i], what);
            if (v > Integer.MAX_VALUE) {
                throw new FormatException(what + " " + v + " is larger than rnn4j's 2^31-1");
            }
            out[i] = (int) v;
        }
        return out;
    }

    private static long longArg(Object o, String what) throws FormatException {
        if (!(o instanceof Long v) || v < 0) {
            throw new FormatException(what + " must be a non-negative int, got " + (o instanceof Long ? o : "a "
                    + Py.typeName(o)));
        }
        return v;
    }

    private static boolean bool(Object o, String what) throws FormatException {
        if (!(o instanceof Boolean b)) {
            throw new FormatException(what + " must be a bool, got a " + Py.typeName(o));
        }
        return b;
    }

    private static TensorRef tensorArg(Object o, Py.Global f) throws FormatException {
        if (!(o instanceof TensorRef t)) {
            throw new FormatException((f == null ? "Parameter" : f.name()) + " expects a tensor, got a "
                    + Py.typeName(o));
        }
        return t;
    }

    private static TensorRef withGrad(TensorRef t, boolean requires) {
        return new TensorRef(t.storage(), t.dtype(), t.offset(), t.shape(), t.strides(), requires, t.parameter());
    }

    private static void arity(Py.Global f, Object[] a, int min, int max) throws FormatException {
        if (a.length < min || a.length > max) {
            throw new FormatException(f.fullName() + " expects " + (min == max ? min : min + " to " + max)
                    + " arguments, got " + a.length);
        }
    }
}
