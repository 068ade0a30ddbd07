package dev.rnn4j.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * An ONNX graph being built: its nodes in order, its initializers (the weights, stored in the file) and its typed
 * inputs and outputs, then written as a ModelProto. Field numbers are those of onnx.proto.
 */
final class OnnxGraph {
    /** ModelProto's IR version for opset 14 (ONNX 1.9). */
    static final int IR_VERSION = 7;
    static final int OPSET = 14;
    /** TensorProto.DataType: float32, int32, int64. */
    static final int FLOAT = 1, INT32 = 6, INT64 = 7;

    private final List<ProtoWriter> nodes = new ArrayList<>();
    private final List<ProtoWriter> initializers = new ArrayList<>();
    private final List<ProtoWriter> inputs = new ArrayList<>();
    private final List<ProtoWriter> outputs = new ArrayList<>();
    private final List<ProtoWriter> metadata = new ArrayList<>();

    /** An attribute of a node: its AttributeProto. */
    record Attribute(ProtoWriter proto) {
        static Attribute integer(String name, long value) {
            return new Attribute(new ProtoWriter().string(1, name).varint(3, value).varint(20, 2));
        }

        static Attribute ints(String name, long... values) {
            return new Attribute(new ProtoWriter().string(1, name).varints(8, values).varint(20, 7));
        }

        static Attribute string(String name, String value) {
            return new Attribute(new ProtoWriter().string(1, name).string(4, value).varint(20, 3));
        }

        static Attribute strings(String name, String... values) {
            ProtoWriter p = new ProtoWriter().string(1, name);
            for (String v : values) {
                p.string(9, v);
            }
            return new Attribute(p.varint(20, 8));
        }
    }

    /** Adds a node; an empty input name leaves an optional input out, as ONNX spells it. */
    void node(String opType, String name, String[] in, String[] out, Attribute... attributes) {
        ProtoWriter n = new ProtoWriter();
        for (String i : in) {
            n.string(1, i);
        }
        for (String o : out) {
            n.string(2, o);
        }
        n.string(3, name).string(4, opType);
        for (Attribute a : attributes) {
            n.message(5, a.proto());
        }
        nodes.add(n);
    }

    /** A float32 initializer of the given shape, its values row-major. */
    void initializer(String name, long[] dims, float[] values) {
        ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        initializers.add(new ProtoWriter().varints(1, dims).varint(2, FLOAT).string(8, name).bytes(9, raw.array()));
    }

    /** A one-dimensional int64 initializer (shapes, axes, split sizes). */
    void initializer(String name, long... values) {
        ByteBuffer raw = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(values);
        initializers.add(new ProtoWriter().varint(1, values.length).varint(2, INT64).string(8, name)
                .bytes(9, raw.array()));
    }

    /** A graph input of elemType (FLOAT, INT32, INT64); each dimension a size (Integer) or a symbolic name (String). */
    void input(String name, int elemType, Object... dims) {
        inputs.add(valueInfo(name, elemType, dims));
    }

    void output(String name, int elemType, Object... dims) {
        outputs.add(valueInfo(name, elemType, dims));
    }

    /** A key and value of the model's metadata_props, which runtimes hand to their users as they are. */
    void metadata(String key, String value) {
        metadata.add(new ProtoWriter().string(1, key).string(2, value));
    }

    private static ProtoWriter valueInfo(String name, int elemType, Object... dims) {
        ProtoWriter shape = new ProtoWriter();
        for (Object d : dims) {
            ProtoWriter dim = d instanceof String symbol ? new ProtoWriter().string(2, symbol)
                    : new ProtoWriter().varint(1, ((Number) d).longValue());
            shape.message(1, dim);
        }
        ProtoWriter tensorType = new ProtoWriter().varint(1, elemType).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }

    /** The ModelProto: this graph under the default domain's opset {@link #OPSET}. */
    byte[] model(String graphName) {
        ProtoWriter graph = new ProtoWriter();
        nodes.forEach(n -> graph.message(1, n));
        graph.string(2, graphName);
        initializers.forEach(t -> graph.message(5, t));
        inputs.forEach(i -> graph.message(11, i));
        outputs.forEach(o -> graph.message(12, o));
        ProtoWriter model = new ProtoWriter()
                .varint(1, IR_VERSION)
                .string(2, "rnn4j")
                .message(7, graph)
                .message(8, new ProtoWriter().string(1, "").varint(2, OPSET));
        metadata.forEach(m -> model.message(14, m));
        return model.toByteArray();
    }
}
