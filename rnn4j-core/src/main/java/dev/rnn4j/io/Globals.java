package dev.rnn4j.io;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * PyTorch's {@code weights_only=True} allow-list ({@code torch/_weights_only_unpickler.py},
 * PyTorch 2.13) and what each allowed global does when a pickle calls it. A global outside the
 * list is refused by name when the GLOBAL opcode names it, before anything else happens.
 * Allowed globals that rnn4j has no use for (sparse, quantized, complex) are accepted as names
 * but refused with a {@link FormatException} when called.
 */
final class Globals {

    /** Never allowed, whatever else is: PyTorch's {@code _blocklisted_modules}. */
    private static final Set<String> BLOCKED_MODULES = Set.of("sys", "os", "posix", "nt");

    private static final Set<String> ALLOWED = Set.of(("""
            _codecs.encode builtins.bytearray builtins.complex builtins.set collections.Counter collections.OrderedDict
            torch.Size torch.Tensor torch.device torch.nn.parameter.Parameter torch.serialization._get_layout
            torch._tensor._rebuild_from_type_v2 torch._utils._rebuild_device_tensor_from_cpu_tensor
            torch._utils._rebuild_device_tensor_from_numpy torch._utils._rebuild_meta_tensor_no_storage
            torch._utils._rebuild_nested_tensor torch._utils._rebuild_parameter torch._utils._rebuild_parameter_with_state
            torch._utils._rebuild_qtensor torch._utils._rebuild_sparse_tensor torch._utils._rebuild_tensor
            torch._utils._rebuild_tensor_v2 torch._utils._rebuild_tensor_v3 torch._utils._rebuild_wrapper_subclass
            torch.storage.TypedStorage torch.storage.UntypedStorage
            torch.BFloat16Storage torch.BoolStorage torch.ByteStorage torch.CharStorage torch.ComplexDoubleStorage
            torch.ComplexFloatStorage torch.DoubleStorage torch.FloatStorage torch.HalfStorage torch.IntStorage
            torch.LongStorage torch.QInt32Storage torch.QInt8Storage torch.QUInt2x4Storage torch.QUInt4x2Storage
            torch.QUInt8Storage torch.ShortStorage
            torch.cuda.BFloat16Storage torch.cuda.BoolStorage torch.cuda.ByteStorage torch.cuda.CharStorage
            torch.cuda.ComplexDoubleStorage torch.cuda.ComplexFloatStorage torch.cuda.DoubleStorage
            torch.cuda.FloatStorage torch.cuda.HalfStorage torch.cuda.IntStorage torch.cuda.LongStorage
            torch.cuda.ShortStorage
            torch.BFloat16Tensor torch.BoolTensor torch.ByteTensor torch.CharTensor torch.DoubleTensor torch.FloatTensor
            torch.HalfTensor torch.IntTensor torch.LongTensor torch.ShortTensor
            torch.cuda.BFloat16Tensor torch.cuda.BoolTensor torch.cuda.ByteTensor torch.cuda.CharTensor
            torch.cuda.DoubleTensor torch.cuda.FloatTensor torch.cuda.HalfTensor torch.cuda.IntTensor
            torch.cuda.LongTensor torch.cuda.ShortTensor
            torch.sparse.BFloat16Tensor torch.sparse.ByteTensor torch.sparse.CharTensor torch.sparse.DoubleTensor
            torch.sparse.FloatTensor torch.sparse.HalfTensor torch.sparse.IntTensor torch.sparse.LongTensor
            torch.sparse.ShortTensor
            torch.cuda.sparse.BFloat16Tensor torch.cuda.sparse.ByteTensor torch.cuda.sparse.CharTensor
            torch.cuda.sparse.DoubleTensor torch.cuda.sparse.FloatTensor torch.cuda.sparse.HalfTensor
            torch.cuda.sparse.IntTensor torch.cuda.sparse.LongTensor torch.cuda.sparse.ShortTensor
            torch.bfloat16 torch.bits16 torch.bits1x8 torch.bits2x4 torch.bits4x2 torch.bits8 torch.bool
            torch.complex128 torch.complex32 torch.complex64 torch.float16 torch.float32 torch.float4_e2m1fn_x2
            torch.float64 torch.float8_e4m3fn torch.float8_e4m3fnuz torch.float8_e5m2 torch.float8_e5m2fnuz
            torch.float8_e8m0fnu torch.int1 torch.int2 torch.int3 torch.int4 torch.int5 torch.int6 torch.int7
            torch.int8 torch.int16 torch.int32 torch.int64 torch.uint1 torch.uint2 torch.uint3 torch.uint4
            torch.uint5 torch.uint6 torch.uint7 torch.uint8 torch.uint16 torch.uint32 torch.uint64
            torch.qint32 torch.qint8 torch.quint2x4 torch.quint4x2 torch.quint8
            torch.per_channel_affine torch.per_channel_affine_float_qparams torch.per_channel_symmetric
            torch.per_tensor_affine torch.per_tensor_symmetric
            """).trim().split("\\s+"));

    private Globals() {
    }

    /** The global named by a GLOBAL opcode, or the refusal that names it. */
    static Py.Global lookup(String module, String name) throws UnsafePickleException {
        if (module.equals("__builtin__")) {
            module = "builtins";    // Python 2 pickles, as PyTorch's IMPORT_MAPPING
        }
        String full = module + "." + name;
        if (BLOCKED_MODULES.contains(module)) {
            throw new UnsafePickleException("refused GLOBAL " + shown(full) + ": its module " + shown(module)
                    + " is blocked (loading it would give the file access to the system)");
        }
        if (!ALLOWED.contains(full)) {
            throw new UnsafePickleException("refused GLOBAL " + shown(full) + ": not an allowed global for "
                    + "weights-only loading (only tensors, storages and plain containers are; it was not looked up)");
        }
        return new Py.Global(module, name);
    }

    /** What REDUCE does with an allowed global: {@code func(*args)}. */
    static Object call(Py.Global f, Py.Tuple args) throws FormatException {
        String name = f.fullName();
        if (name.startsWith("torch._utils.") || name.equals("torch._tensor._rebuild_from_type_v2")) {
            return TensorRebuild.call(f, args);
        }
        return switch (name) {
            case "collections.OrderedDict" -> Containers.dictOf(Py.Dict.Kind.ORDERED_DICT, args);
            case "collections.Counter" -> Containers.dictOf(Py.Dict.Kind.COUNTER, args);
            case "builtins.set" -> Containers.setOf(args);
            case "torch.Size" -> Containers.size(args);
            case "torch.device" -> Containers.device(args);
            case "torch.nn.parameter.Parameter" -> TensorRebuild.parameter(args);
            case "_codecs.encode" -> encode(args);
            case "builtins.bytearray" -> bytearray(args);
            default -> throw new FormatException("calling " + name + " is not supported by rnn4j"
                    + (name.equals("builtins.complex") ? " (complex numbers)" : ""));
        };
    }

    /** What NEWOBJ does: {@code cls.__new__(cls, *args)}, for the allowed types rnn4j models. */
    static Object instantiate(Object cls, Py.Tuple args) throws FormatException {
        if (!(cls instanceof Py.Global g)) {
            throw new UnsafePickleException("refused NEWOBJ of a " + Py.typeName(cls)
                    + ": only nn.Parameter and allowed types can be created");
        }
        return switch (g.fullName()) {
            case "torch.nn.parameter.Parameter" -> TensorRebuild.parameter(args);
            case "collections.OrderedDict" -> new Py.Dict(Py.Dict.Kind.ORDERED_DICT);
            case "collections.Counter" -> new Py.Dict(Py.Dict.Kind.COUNTER);
            case "builtins.set" -> new Py.PySet();
            default -> throw new FormatException("creating a " + g.fullName() + " object is not supported by rnn4j");
        };
    }

    /** {@code _codecs.encode(text, "latin1")}: how protocol 2 pickles a bytes object. */
    private static byte[] encode(Py.Tuple args) throws FormatException {
        if (args.items.length != 2 || !(args.items[0] instanceof String text) || !(args.items[1] instanceof String enc)) {
            throw new FormatException("_codecs.encode expects (str, encoding)");
        }
        return switch (enc.toLowerCase(java.util.Locale.ROOT)) {
            case "latin1", "latin-1", "iso-8859-1" -> latin1(text);
            case "utf-8", "utf8" -> text.getBytes(StandardCharsets.UTF_8);
            case "ascii" -> latin1(text);
            default -> throw new FormatException("_codecs.encode with encoding '" + ZipArchive.shorten(enc)
                    + "' is not supported");
        };
    }

    private static byte[] latin1(String text) throws FormatException {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xff) {
                throw new FormatException("_codecs.encode: character outside latin-1");
            }
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytearray(Py.Tuple args) throws FormatException {
        if (args.items.length == 0) {
            return new byte[0];
        }
        if (args.items.length == 1 && args.items[0] instanceof byte[] b) {
            return b.clone();
        }
        if (args.items.length == 2) {
            return encode(args);
        }
        throw new FormatException("bytearray arguments not supported by rnn4j");
    }

    /** A name as it may appear in a message: at most 80 characters, control characters escaped. */
    static String shown(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : ZipArchive.shorten(s).toCharArray()) {
            sb.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }
}
