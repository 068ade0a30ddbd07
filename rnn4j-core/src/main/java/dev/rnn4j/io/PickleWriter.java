package dev.rnn4j.io;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Writes pickle protocol 2 with only the opcodes PyTorch's weights-only unpickler accepts,
 * so that what rnn4j saves loads with {@code torch.load(f, weights_only=True)}.
 */
final class PickleWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    PickleWriter() {
        out.write(0x80);    // PROTO 2
        out.write(2);
    }

    byte[] finish() {
        out.write('.');     // STOP
        return out.toByteArray();
    }

    void global(String module, String name) {
        out.write('c');
        writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
    }

    void mark() {
        out.write('(');
    }

    void tuple() {
        out.write('t');
    }

    void emptyTuple() {
        out.write(')');
    }

    void emptyDict() {
        out.write('}');
    }

    void emptyList() {
        out.write(']');
    }

    void setItems() {
        out.write('u');
    }

    void appends() {
        out.write('e');
    }

    void reduce() {
        out.write('R');
    }

    void persistentId() {
        out.write('Q');
    }

    void none() {
        out.write('N');
    }

    void bool(boolean b) {
        out.write(b ? 0x88 : 0x89);
    }

    /** An int in the shortest form: BININT1, BININT2, BININT or LONG1, as Python's pickler. */
    void integer(long v) {
        if (v >= 0 && v < 0x100) {
            out.write('K');
            out.write((int) v);
        } else if (v >= 0 && v < 0x10000) {
            out.write('M');
            out.write((int) v & 0xff);
            out.write((int) (v >>> 8) & 0xff);
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            out.write('J');
            int32((int) v);
        } else {
            bigInteger(BigInteger.valueOf(v));
        }
    }

    /** LONG1: little-endian two's complement in as few bytes as hold it (at most 255). */
    void bigInteger(BigInteger v) {
        byte[] bigEndian = v.toByteArray();
        if (bigEndian.length > 255) {
            throw new IllegalArgumentException("integer too large for pickle LONG1: " + v.bitLength() + " bits");
        }
        out.write(0x8a);
        out.write(bigEndian.length);
        for (int i = bigEndian.length - 1; i >= 0; i--) {
            out.write(bigEndian[i]);
        }
    }

    void binFloat(double v) {
        out.write('G');
        long bits = Double.doubleToRawLongBits(v);
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (bits >>> shift) & 0xff);
        }
    }

    void string(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.write('X');
        int32(utf8.length);
        writeBytes(utf8);
    }

    private void int32(int v) {
        for (int shift = 0; shift < 32; shift += 8) {
            out.write((v >>> shift) & 0xff);
        }
    }

    private void writeBytes(byte[] b) {
        out.write(b, 0, b.length);
    }
}
