package dev.rnn4j.io;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads the zip archive of a {@code torch.save} file from its central directory (PyTorch's
 * writer leaves the sizes in the local headers zero and puts them in data descriptors, so
 * the central directory is the only reliable index), with zip64 records. Every entry must
 * lie under one root folder (the saved file's stem); entries stored or deflated.
 */
final class ZipArchive {

    /** One entry: its name under the root, where its local header starts, its sizes and method. */
    record Entry(String name, long headerOffset, long compressedSize, long size, int method) {
    }

    private static final int EOCD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int LOCAL = 0x04034b50;
    private static final int STORED = 0;
    private static final int DEFLATED = 8;
    /** Deflate cannot expand data more than about 1032 times; a larger claimed ratio is a bomb. */
    private static final long MAX_RATIO = 1032;

    private final ByteSource src;
    private final String root;
    private final Map<String, Entry> entries;

    private ZipArchive(ByteSource src, String root, Map<String, Entry> entries) {
        this.src = src;
        this.root = root;
        this.entries = entries;
    }

    static boolean looksLikeZip(ByteSource src) throws FormatException {
        return src.size() >= 4 && src.slice(0, 4, "zip signature").getInt() == LOCAL;
    }

    static ZipArchive read(ByteSource src) throws FormatException {
        long[] dir = centralDirectory(src);
        ByteBuffer cd = src.slice(dir[0], dir[1], "the zip central directory");
        Map<String, Entry> entries = new LinkedHashMap<>();
        String root = null;
        while (cd.remaining() >= 4 && cd.getInt(cd.position()) == CENTRAL) {
            Entry e = centralEntry(cd);
            String name = e.name();
            int slash = name.indexOf('/');
            if (slash <= 0) {
                throw new FormatException("zip entry '" + shorten(name) + "' is not inside a root folder");
            }
            if (root == null) {
                root = name.substring(0, slash);
            }
            String rel = relativeName(name, root);
            if (rel.isEmpty() || rel.endsWith("/")) {
                continue;   // a folder entry, as zip tools write them; it holds no data
            }
            if (entries.put(rel, new Entry(rel, e.headerOffset(), e.compressedSize(), e.size(), e.method())) != null) {
                throw new FormatException("zip entry '" + shorten(name) + "' appears twice");
            }
        }
        if (root == null) {
            throw new FormatException("the zip archive has no entries");
        }
        return new ZipArchive(src, root, entries);
    }

    /** The name under the root; refuses names outside it or climbing out of it. */
    private static String relativeName(String name, String root) throws FormatException {
        if (!name.startsWith(root + "/")) {
            throw new FormatException("zip entry '" + shorten(name) + "' is outside the archive root '" + shorten(root)
                    + "/'");
        }
        String rel = name.substring(root.length() + 1);
        for (String part : rel.split("/", -1)) {
            if (part.equals("..") || part.equals(".")) {
                throw new FormatException("zip entry '" + shorten(name) + "' has a path outside the archive root");
            }
        }
        if (name.contains("\\") || name.indexOf('\0') >= 0) {
            throw new FormatException("zip entry '" + shorten(name) + "' has a path outside the archive root");
        }
        return rel;
    }

    /** {offset, size} of the central directory, from the end record or its zip64 twin. */
    private static long[] centralDirectory(ByteSource src) throws FormatException {
        long size = src.size();
        long from = Math.max(0, size - 22 - 0xffff);
        ByteBuffer tail = src.slice(from, size - from, "the zip end record");
        int at = -1;
        for (int i = tail.limit() - 22; i >= 0; i--) {
            if (tail.getInt(i) == EOCD) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            throw new FormatException("not a complete zip archive: no end-of-central-directory record");
        }
        long cdSize = Integer.toUnsignedLong(tail.getInt(at + 12));
        long cdOffset = Integer.toUnsignedLong(tail.getInt(at + 16));
        long eocdPos = from + at;
        if (eocdPos >= 20 && src.slice(eocdPos - 20, 4, "zip64 locator").getInt() == ZIP64_LOCATOR) {
            long z = src.slice(eocdPos - 20, 20, "zip64 locator").getLong(8);
            ByteBuffer z64 = src.slice(z, 56, "the zip64 end record");
            if (z64.getInt(0) != ZIP64_EOCD) {
                throw new FormatException("bad zip64 end record at offset " + z);
            }
            cdSize = z64.getLong(40);
            cdOffset = z64.getLong(48);
        }
        return new long[]{cdOffset, cdSize};
    }

    private static Entry centralEntry(ByteBuffer cd) throws FormatException {
        int p = cd.position();
        need(cd, 46);
        int method = cd.getShort(p + 10) & 0xffff;
        long csize = Integer.toUnsignedLong(cd.getInt(p + 20));
        long usize = Integer.toUnsignedLong(cd.getInt(p + 24));
        int nameLen = cd.getShort(p + 28) & 0xffff;
        int extraLen = cd.getShort(p + 30) & 0xffff;
        int commentLen = cd.getShort(p + 32) & 0xffff;
        long offset = Integer.toUnsignedLong(cd.getInt(p + 42));
        need(cd, 46 + nameLen + extraLen + commentLen);
        byte[] nameBytes = new byte[nameLen];
        cd.get(p + 46, nameBytes);
        String name = new String(nameBytes, StandardCharsets.UTF_8);
        long[] sizes = zip64(cd, p + 46 + nameLen, extraLen, new long[]{usize, csize, offset});
        cd.position(p + 46 + nameLen + extraLen + commentLen);
        return new Entry(name, sizes[2], sizes[1], sizes[0], method);
    }

    /** Replaces the 0xffffffff fields by the values of the zip64 extra field (id 1), in its order. */
    private static long[] zip64(ByteBuffer cd, int start, int length, long[] fields) throws FormatException {
        int p = start;
        while (p + 4 <= start + length) {
            int id = cd.getShort(p) & 0xffff;
            int len = cd.getShort(p + 2) & 0xffff;
            if (id == 1) {
                int q = p + 4;
                for (int i = 0; i < fields.length; i++) {
                    if (fields[i] == 0xffffffffL) {
                        if (q + 8 > p + 4 + len) {
                            throw new FormatException("zip64 extra field too short");
                        }
                        fields[i] = cd.getLong(q);
                        q += 8;
                    }
                }
            }
            p += 4 + len;
        }
        return fields;
    }

    private static void need(ByteBuffer cd, int n) throws FormatException {
        if (cd.remaining() < n) {
            throw new FormatException("truncated zip central directory");
        }
    }

    String root() {
        return root;
    }

    List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    Entry entry(String relativeName) {
        return entries.get(relativeName);
    }

    /** The bytes of an entry: a view of the file when stored, inflated (at most its declared size) when deflated. */
    ByteSource open(Entry e) throws FormatException {
        String what = "zip entry " + root + "/" + e.name();
        ByteBuffer local = src.slice(e.headerOffset(), 30, what + " (local header)");
        if (local.getInt(0) != LOCAL) {
            throw new FormatException(what + ": no local header at offset " + e.headerOffset());
        }
        long dataStart = e.headerOffset() + 30 + (local.getShort(26) & 0xffff) + (local.getShort(28) & 0xffff);
        ByteSource data = src.sub(dataStart, e.compressedSize(), what);
        if (e.method() == STORED) {
            if (e.size() != e.compressedSize()) {
                throw new FormatException(what + ": stored entry with two different sizes");
            }
            return data;
        }
        if (e.method() != DEFLATED) {
            throw new FormatException(what + ": unsupported compression method " + e.method());
        }
        return ByteSource.of(inflate(data, e.size(), what));
    }

    private static byte[] inflate(ByteSource data, long size, String what) throws FormatException {
        if (size > ByteSource.MAX_SLICE || size > data.size() * MAX_RATIO + 1024) {
            throw new FormatException(what + " claims " + size + " bytes from " + data.size()
                    + " compressed: more than deflate can produce (a zip bomb?)");
        }
        // the buffer grows with what actually inflates, never to a claimed size the data does not back
        byte[] out = new byte[(int) Math.min(size, 1 << 16)];
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(data.all(what));
            int done = 0;
            while (done < size) {
                if (done == out.length) {
                    out = java.util.Arrays.copyOf(out, (int) Math.min(size, 2L * out.length));
                }
                int n = inflater.inflate(out, done, out.length - done);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary() || inflater.finished())) {
                    throw new FormatException(what + ": deflated data ends after " + done + " of " + size + " bytes");
                }
                done += n;
            }
            if (!inflater.finished() && inflater.inflate(new byte[1]) > 0) {
                throw new FormatException(what + ": deflated data is longer than its declared " + size + " bytes");
            }
            return out;
        } catch (DataFormatException ex) {
            throw new FormatException(what + ": corrupt deflated data (" + ex.getMessage() + ")", ex);
        } finally {
            inflater.end();
        }
    }

    static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
