package dev.rnn4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * {@code torch.load(f, map_location="cpu", weights_only=True)} and {@code torch.save} for
 * rnn4j: the implementation behind {@link dev.rnn4j.Torch#load(Path)} and
 * {@link dev.rnn4j.Torch#save(Object, Path)}. The format is recognised from the content, not
 * the file name: a zip archive (PyTorch 1.6 and later) or the legacy stream.
 */
public final class TorchFiles {

    private TorchFiles() {
    }

    /**
     * The object saved in {@code path} as plain Java values (see {@link dev.rnn4j.Torch#load(Path)}).
     *
     * @throws FormatException when the file is not a checkpoint rnn4j can read, is damaged, or asks
     *                         for something weights-only loading refuses ({@link UnsafePickleException})
     * @throws IOException     when the file cannot be read
     */
    public static Object load(Path path) throws IOException {
        try (ByteSource src = ByteSource.map(path)) {
            return open(src).toJava();
        }
    }

    /** The same from bytes in memory. */
    public static Object load(byte[] bytes) throws FormatException {
        return open(ByteSource.of(bytes)).toJava();
    }

    /** Writes {@code obj} as {@code torch.save} does, atomically (see {@link dev.rnn4j.Torch#save(Object, Path)}). */
    public static void save(Object obj, Path path) throws IOException {
        // the pickle, which checks every value, is complete before the first byte goes out, and it
        // goes to a temporary file: a value that cannot be saved leaves the target untouched
        AtomicFiles.write(path, out -> TorchSaver.write(obj, archiveName(path), out));
    }

    /** The archive's root folder: the file name without its extension, as torch.save names it. */
    static String archiveName(Path path) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return stem.isEmpty() || stem.contains("/") ? "archive" : stem;
    }

    /** Unpickles a checkpoint without reading its tensors' data. */
    static Checkpoint open(ByteSource src) throws FormatException {
        if (ZipArchive.looksLikeZip(src)) {
            return ZipCheckpoint.read(src);
        }
        if (LegacyCheckpoint.looksLegacy(src)) {
            return LegacyCheckpoint.read(src);
        }
        throw new FormatException(notACheckpoint(src));
    }

    private static String notACheckpoint(ByteSource src) throws FormatException {
        if (src.size() > 262 && new String(bytes(src.slice(257, 5, "tar header")),
                java.nio.charset.StandardCharsets.ISO_8859_1).equals("ustar")) {
            return "the pre-0.4 tar format of torch.save is not supported (weights-only loading refuses it too)";
        }
        if (SafeTensorsHeader.looksLikeSafeTensors(src)) {
            return "this is a safetensors file: read it with SafeTensors.load";
        }
        return "not a PyTorch checkpoint: neither a zip archive nor a pickle stream";
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
