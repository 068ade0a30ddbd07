package dev.rnn4j.io;

import dev.rnn4j.Tensor;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The byte-order records of both formats, and the legacy format's storage views, on hand-made files. */
class ByteOrderAndViewsTest {

    /** {'t': _rebuild_tensor_v2(storage, 0, (n,), (1,), False, OrderedDict())} with the given persistent id body. */
    private static byte[] tensorPickle(int n, Object... pidItems) {
        return Bytes.pickle("}", Bytes.str("t"), "ctorch._utils\n_rebuild_tensor_v2\n(", "(", Bytes.str("storage"),
                "ctorch\nFloatStorage\n", Bytes.of(pidItems), "tQK", 0, "K", n, 0x85, "K", 1, 0x85, 0x89,
                "ccollections\nOrderedDict\n)R", "tRs");
    }

    private static byte[] floats(ByteOrder order, float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(order);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    private static float[] values(Object loaded) {
        return ((Tensor) ((Map<?, ?>) loaded).get("t")).toFloatArray();
    }

    @Test
    void zipByteOrderRecord() throws Exception {
        byte[] pkl = tensorPickle(2, Bytes.str("0"), Bytes.str("cuda:0"), "K", 2);
        byte[] big = Bytes.zip(pkl, Map.of("byteorder", "big".getBytes(),
                "data/0", floats(ByteOrder.BIG_ENDIAN, 1.5f, -2f)));
        assertArrayEquals(new float[]{1.5f, -2f}, values(TorchFiles.load(big)));
        byte[] none = Bytes.zip(pkl, Map.of("data/0", floats(ByteOrder.LITTLE_ENDIAN, 1.5f, -2f)));
        assertArrayEquals(new float[]{1.5f, -2f}, values(TorchFiles.load(none)), "little-endian when absent");
    }

    @Test
    void legacyBigEndianAndStorageViews() throws Exception {
        byte[] magic = Bytes.pickle(0x8a, 10, new byte[]{0x6c, (byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9, 0x20,
                0x6a, (byte) 0xa8, 0x50, 0x19});
        byte[] protocol = Bytes.pickle("M", 0xe9, 0x03);
        byte[] bigEndian = Bytes.pickle("}", Bytes.str("little_endian"), 0x89, "s");
        // storage 'r' of 4 floats, the tensor views its elements [1, 3) through the legacy view ('v', 1, 2)
        byte[] obj = tensorPickle(2, Bytes.str("r"), Bytes.str("cpu"), "K", 4, "(", Bytes.str("v"), "K", 1, "K", 2,
                "t");
        byte[] keys = Bytes.pickle("](", Bytes.str("r"), "e");
        byte[] data = Bytes.of(ByteBuffer.allocate(8).putLong(4).array(),
                floats(ByteOrder.BIG_ENDIAN, 10f, 11f, 12f, 13f));
        byte[] file = Bytes.of(magic, protocol, bigEndian, obj, keys, data);
        assertArrayEquals(new float[]{11f, 12f}, values(TorchFiles.load(file)));
    }
}
