package dev.rnn4j.io;

import dev.rnn4j.LongTensor;
import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code rnn4j convert IN OUT} does: rewrites a checkpoint between {@code .pt} and
 * {@code .safetensors}. The input's format is recognised from its content (a zip or legacy
 * {@code torch.save} file whatever its name, {@code .pth}, {@code .net}, {@code .bin}); the
 * output's from its extension: {@code .safetensors}, or {@code .pt}/{@code .pth}/{@code .bin}
 * for the zip format.
 *
 * <p>safetensors holds only named tensors. A {@code .pt} whose object is a map of tensors
 * converts directly; nested maps are flattened with dotted keys, as PyTorch names sub-module
 * weights ({@code {"model": {"w": t}}} becomes {@code "model.w"}). Any other leaf (an epoch
 * number, a token list) cannot be held: the conversion fails naming it, and writes nothing;
 * convert the state dict alone instead. The safetensors metadata gets {@code format: pt}, as
 * Hugging Face's conversions write. From safetensors to {@code .pt}, the tensors become a dict
 * and the metadata, which a state dict has no place for, is dropped.
 */
public final class Convert {

    private Convert() {
    }

    /**
     * Converts {@code in} to {@code out} (written atomically) and returns a one-line summary.
     *
     * @throws FormatException          when {@code in} is not a checkpoint or is damaged
     * @throws IllegalArgumentException when {@code out}'s extension is unknown, or the input holds
     *                                  values safetensors cannot (named in the message)
     */
    public static String convert(Path in, Path out) throws IOException {
        String ext = extension(out);
        if (!ext.equals("safetensors") && !ext.equals("pt") && !ext.equals("pth") && !ext.equals("bin")) {
            throw new IllegalArgumentException("unknown output extension '." + ext
                    + "': use .safetensors, or .pt/.pth/.bin for PyTorch's zip format");
        }
        Object loaded = read(in);
        if (ext.equals("safetensors")) {
            Map<String, Object> flat = new LinkedHashMap<>();
            flatten(loaded, "", flat);
            SafeTensors.save(flat, out, Map.of("format", "pt"));
            return "wrote " + flat.size() + " tensors to " + out.getFileName();
        }
        Torch.save(loaded, out);
        return "wrote " + out.getFileName() + " (PyTorch zip format)";
    }

    /** The tensors of a safetensors file as a map, or the object of a .pt file. */
    private static Object read(Path in) throws IOException {
        try (ByteSource src = ByteSource.map(in)) {
            if (!ZipArchive.looksLikeZip(src) && !LegacyCheckpoint.looksLegacy(src)
                    && SafeTensorsHeader.looksLikeSafeTensors(src)) {
                return SafeTensors.load(src).tensors();
            }
            return TorchFiles.open(src).toJava();
        }
    }

    private static void flatten(Object o, String key, Map<String, Object> out) {
        if (o instanceof Tensor || o instanceof LongTensor) {
            if (out.put(key, o) != null) {
                throw new IllegalArgumentException("two entries flatten to the key '" + key + "'");
            }
        } else if (o instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                flatten(e.getValue(), key.isEmpty() ? String.valueOf(e.getKey()) : key + "." + e.getKey(), out);
            }
        } else {
            throw new IllegalArgumentException("cannot convert to safetensors: "
                    + (key.isEmpty() ? "the checkpoint" : "'" + key + "'") + " is "
                    + (o == null ? "None" : "a " + o.getClass().getSimpleName())
                    + ", and safetensors holds only tensors (convert the state dict alone)");
        }
    }

    private static String extension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
