package dev.rnn4j.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Turns a storage's raw bytes into rnn4j's element arrays: floating types into float32
 * (float16 and bfloat16 widen exactly, float64 rounds to nearest), integer and bool types
 * into int64. Reads in pieces so that a storage over 2 GiB needs no single buffer that large.
 */
final class StorageDecoder {

    /** The most elements a Java array holds. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private static final int PIECE = 1 << 28;   // bytes per buffer while decoding

    private StorageDecoder() {
    }

    static float[] floats(ByteSource src, long offset, long count, DType t, ByteOrder order) throws FormatException {
        float[] out = new float[checkedCount(count, t)];
        decode(src, offset, out.length, t, order, (b, i) -> out[i] = switch (t) {
            case FLOAT32 -> b.getFloat();
            case FLOAT64 -> (float) b.getDouble();
            case FLOAT16 -> halfToFloat(b.getShort());
            case BFLOAT16 -> Float.intBitsToFloat((b.getShort() & 0xffff) << 16);
            default -> throw new IllegalStateException(t + " is not a floating type");
        });
        return out;
    }

    static long[] longs(ByteSource src, long offset, long count, DType t, ByteOrder order) throws FormatException {
        long[] out = new long[checkedCount(count, t)];
        decode(src, offset, out.length, t, order, (b, i) -> out[i] = switch (t) {
            case INT64 -> b.getLong();
            case INT32 -> b.getInt();
            case INT16 -> b.getShort();
            case INT8 -> b.get();
            case UINT8 -> b.get() & 0xff;
            case BOOL -> b.get() != 0 ? 1 : 0;
            default -> throw new IllegalStateException(t + " is not an integer type");
        });
        return out;
    }

    /** Reads element {@code i} from the buffer's position into its array. */
    private interface Element {
        void read(ByteBuffer b, int i);
    }

    /** Calls {@code element} for each of {@code count} elements, mapping at most {@link #PIECE} bytes at a time. */
    private static void decode(ByteSource src, long offset, int count, DType t, ByteOrder order, Element element)
            throws FormatException {
        int done = 0;
        while (done < count) {
            int n = Math.min(count - done, PIECE / t.size);
            ByteBuffer b = src.slice(offset + (long) done * t.size, (long) n * t.size, "storage data").order(order);
            for (int i = 0; i < n; i++) {
                element.read(b, done + i);
            }
            done += n;
        }
    }

    private static int checkedCount(long count, DType t) throws FormatException {
        if (count < 0 || count > MAX_ELEMENTS) {
            throw new FormatException("a storage of " + count + " " + t.shortName()
                    + " elements is more than a Java array holds");
        }
        return (int) count;
    }

    /** IEEE 754 binary16 to binary32, exactly (every half value is a float value). */
    static float halfToFloat(short h) {
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));   // inf, nan
        }
        if (exponent == 0) {
            // zero or subnormal: mantissa · 2^-24, exact in float
            float v = mantissa * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
