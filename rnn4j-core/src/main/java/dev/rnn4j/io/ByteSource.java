package dev.rnn4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The bytes of a file (memory-mapped, so a large checkpoint is not read into the heap first)
 * or of an array, read by position with bounds checks: a read past the end is a
 * {@link FormatException} saying the file is truncated, never an index exception.
 */
final class ByteSource implements AutoCloseable {

    /** The largest region one {@link ByteBuffer} can hold; larger regions are read in pieces. */
    static final int MAX_SLICE = Integer.MAX_VALUE - 8;

    private final ByteBuffer whole;     // the bytes when they fit one buffer, else null
    private final FileChannel channel;  // for files too large for one mapping, else null
    private final long origin;
    private final long size;
    private final boolean owner;        // the source that opened the channel closes it

    private ByteSource(ByteBuffer whole, FileChannel channel, long origin, long size, boolean owner) {
        this.whole = whole;
        this.channel = channel;
        this.origin = origin;
        this.size = size;
        this.owner = owner;
    }

    static ByteSource of(byte[] bytes) {
        return new ByteSource(ByteBuffer.wrap(bytes), null, 0, bytes.length, false);
    }

    /** Maps {@code path} read-only; files over 2 GiB are mapped piece by piece as they are read. */
    static ByteSource map(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            long size = ch.size();
            if (size <= MAX_SLICE) {
                ByteBuffer mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
                ch.close();     // a mapping stays valid after its channel is closed
                return new ByteSource(mapped, null, 0, size, false);
            }
            return new ByteSource(null, ch, 0, size, true);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    long size() {
        return size;
    }

    /** The bytes {@code [offset, offset + length)} of this source as a source of their own. */
    ByteSource sub(long offset, long length, String what) throws FormatException {
        check(offset, length, what);
        return new ByteSource(whole, channel, origin + offset, length, false);
    }

    /** A little-endian buffer over {@code [offset, offset + length)}; length at most {@link #MAX_SLICE}. */
    ByteBuffer slice(long offset, long length, String what) throws FormatException {
        check(offset, length, what);
        if (length > MAX_SLICE) {
            throw new FormatException(what + " is larger than 2 GiB in one piece");
        }
        if (whole != null) {
            return whole.slice((int) (origin + offset), (int) length).order(ByteOrder.LITTLE_ENDIAN);
        }
        try {
            return channel.map(FileChannel.MapMode.READ_ONLY, origin + offset, length).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new FormatException("cannot map " + what + ": " + e.getMessage(), e);
        }
    }

    /** The whole source as a buffer (for pickles and headers, which are small). */
    ByteBuffer all(String what) throws FormatException {
        return slice(0, size, what);
    }

    private void check(long offset, long length, String what) throws FormatException {
        if (offset < 0 || length < 0 || offset > size || length > size - offset) {
            throw new FormatException("truncated file: " + what + " needs bytes " + offset + ".." + safeEnd(offset, length)
                    + " but only " + size + " are there");
        }
    }

    private static String safeEnd(long offset, long length) {
        return offset > Long.MAX_VALUE - length ? "(beyond 2^63)" : Long.toString(offset + length);
    }

    @Override
    public void close() throws IOException {
        if (owner) {
            channel.close();
        }
    }
}
