package dev.rnn4j.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes a zip archive laid out as PyTorch's writer (miniz) lays it out: entries stored, each
 * entry's data aligned to 64 bytes by an "FB" extra field of padding, sizes in a data
 * descriptor after the data, a zip64 end record before the classic one. PyTorch's reader,
 * including its mmap path that computes offsets instead of reading headers, finds every
 * record where it expects it. Archives past 4 GiB would need zip64 entry fields; they are
 * refused rather than written half-right.
 */
final class ZipWriter {

    private static final int ALIGNMENT = 64;
    private static final long LIMIT = 0xffffffffL;

    private record Central(byte[] name, long crc, long size, long offset) {
        /** UTF-8 names; a data descriptor follows all but empty data, as miniz writes them. */
        short flags() {
            return (short) (size == 0 ? 0x0800 : 0x0808);
        }
    }

    private final OutputStream out;
    private final String root;
    private final List<Central> central = new ArrayList<>();
    private long position;

    ZipWriter(OutputStream out, String root) {
        this.out = out;
        this.root = root;
    }

    void entry(String name, byte[] data) throws IOException {
        byte[] fullName = (root + "/" + name).getBytes(StandardCharsets.UTF_8);
        long offset = position;
        if (offset + data.length + 1024 >= LIMIT) {
            throw new IOException("the archive would pass 4 GiB, which rnn4j does not write as a .pt file; "
                    + "save large models as safetensors");
        }
        CRC32 crc = new CRC32();
        crc.update(data);
        Central c = new Central(fullName, crc.getValue(), data.length, offset);
        int padding = padding(offset, fullName.length);
        ByteBuffer h = le(30 + fullName.length + 4 + padding);
        h.putInt(0x04034b50).putShort((short) 0).putShort(c.flags()).putShort((short) 0);    // stored
        h.putInt(0).putInt(0).putInt(0).putInt(0);                  // time, date, crc and sizes come later
        h.putShort((short) fullName.length).putShort((short) (4 + padding));
        h.put(fullName).put((byte) 'F').put((byte) 'B').putShort((short) padding);
        for (int i = 0; i < padding; i++) {
            h.put((byte) 'Z');
        }
        write(h.array());
        write(data);
        if (data.length > 0) {
            ByteBuffer d = le(16);
            d.putInt(0x08074b50).putInt((int) c.crc()).putInt(data.length).putInt(data.length);
            write(d.array());
        }
        central.add(c);
    }

    /** The central directory, then the zip64 end record, its locator and the classic end record. */
    void finish() throws IOException {
        long cdOffset = position;
        for (Central c : central) {
            ByteBuffer b = le(46 + c.name().length);
            b.putInt(0x02014b50).putShort((short) 0).putShort((short) 0).putShort(c.flags()).putShort((short) 0);
            b.putInt(0).putInt((int) c.crc()).putInt((int) c.size()).putInt((int) c.size());
            b.putShort((short) c.name().length).putShort((short) 0).putShort((short) 0).putShort((short) 0);
            b.putShort((short) 0).putInt(0).putInt((int) c.offset()).put(c.name());
            write(b.array());
        }
        long cdSize = position - cdOffset;
        long zip64At = position;
        ByteBuffer e = le(56 + 20 + 22);
        e.putInt(0x06064b50).putLong(44).putShort((short) 0x031e).putShort((short) 45).putInt(0).putInt(0);
        e.putLong(central.size()).putLong(central.size()).putLong(cdSize).putLong(cdOffset);
        e.putInt(0x07064b50).putInt(0).putLong(zip64At).putInt(1);
        e.putInt(0x06054b50).putShort((short) 0).putShort((short) 0);
        e.putShort((short) central.size()).putShort((short) central.size()).putInt((int) cdSize).putInt((int) cdOffset);
        e.putShort((short) 0);
        write(e.array());
        out.flush();
    }

    /** miniz's getPadding: zero-bytes of 'Z' that bring the data start to a multiple of 64. */
    private static int padding(long offset, int nameLength) {
        long start = offset + 30 + nameLength + 4;
        return (int) ((ALIGNMENT - start % ALIGNMENT) % ALIGNMENT);
    }

    private void write(byte[] b) throws IOException {
        out.write(b);
        position += b.length;
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
