package dev.rnn4j.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One protocol-buffer message in the wire format, written field by field: varints (wire type 0) and length-delimited
 * bytes, strings and nested messages (wire type 2), all that an ONNX model needs. Repeated scalars are written one
 * field each, as proto2 writes them unpacked; every parser reads that form.
 */
final class ProtoWriter {
    private static final int VARINT = 0, LENGTH_DELIMITED = 2;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ProtoWriter varint(int field, long value) {
        tag(field, VARINT);
        writeVarint(value);
        return this;
    }

    ProtoWriter varints(int field, long... values) {
        for (long v : values) {
            varint(field, v);
        }
        return this;
    }

    ProtoWriter bytes(int field, byte[] value) {
        tag(field, LENGTH_DELIMITED);
        writeVarint(value.length);
        out.writeBytes(value);
        return this;
    }

    ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    ProtoWriter message(int field, ProtoWriter message) {
        return bytes(field, message.toByteArray());
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void tag(int field, int wireType) {
        writeVarint((long) field << 3 | wireType);
    }

    /** Seven bits a byte, low first, the high bit set on all but the last; a negative int64 takes ten bytes. */
    private void writeVarint(long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }
}
