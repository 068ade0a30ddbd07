package dev.rnn4j.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code rnn4j inspect FILE} prints: the format, every tensor with its dtype as stored,
 * shape and size, the safetensors metadata, and for {@code .pt} files the nested structure.
 * Reads headers and pickles only, never the tensors' data, so it is quick on large files; the
 * structure listing stops after {@link #MAX_LINES} lines.
 */
public final class Inspect {

    static final int MAX_LINES = 2000;
    /** Values visited at most: a pickle can reach one list from many places, so walks are bounded, not trees. */
    static final int MAX_VISITS = 100_000;

    private Inspect() {
    }

    /**
     * The report for {@code path}, a {@code torch.save} file (either format) or a safetensors file.
     *
     * @throws FormatException when the file is neither, or damaged
     */
    public static String text(Path path) throws IOException {
        try (ByteSource src = ByteSource.map(path)) {
            String head = "file: " + path.getFileName() + " (" + Files.size(path) + " bytes)\n";
            if (!ZipArchive.looksLikeZip(src) && !LegacyCheckpoint.looksLegacy(src)
                    && SafeTensorsHeader.looksLikeSafeTensors(src)) {
                return head + safetensors(SafeTensorsHeader.read(src));
            }
            return head + checkpoint(TorchFiles.open(src));
        }
    }

    private static String safetensors(SafeTensorsHeader h) {
        StringBuilder sb = new StringBuilder("format: safetensors (header " + h.headerLength + " bytes, "
                + h.tensors.size() + " tensors)\n");
        if (!h.metadata.isEmpty()) {
            sb.append("metadata:\n");
            h.metadata.forEach((k, v) -> sb.append("  ").append(k).append(": ").append(v).append('\n'));
        }
        Table table = new Table("key", "dtype", "shape", "size", "offsets");
        long total = 0;
        for (SafeTensorsHeader.Info t : h.tensors) {
            table.row(t.name(), t.dtype().shortName(), java.util.Arrays.toString(t.shape()), bytes(t.end() - t.begin()),
                    "[" + t.begin() + ", " + t.end() + ")");
            total += t.end() - t.begin();
        }
        return sb.append(table).append(h.tensors.size()).append(" tensors, ").append(bytes(total))
                .append(" of data\n").toString();
    }

    private static String checkpoint(Checkpoint c) {
        Map<String, TensorRef> tensors = new LinkedHashMap<>();
        List<String> structure = new ArrayList<>();
        new Walker(tensors, structure).walk(c.root(), "", "", 0);
        Table table = new Table("key", "dtype", "shape", "size", "storage");
        Map<String, Long> storages = new LinkedHashMap<>();
        for (Map.Entry<String, TensorRef> e : tensors.entrySet()) {
            TensorRef t = e.getValue();
            table.row(e.getKey(), t.dtype().shortName() + (t.parameter() ? " (Parameter)" : ""),
                    java.util.Arrays.toString(t.shape()), bytes(t.numel() * t.dtype().size),
                    storage(t));
            storages.put(t.storage().rootKey(), t.storage().nbytes());
        }
        long total = storages.values().stream().mapToLong(Long::longValue).sum();
        return "format: " + c.format() + "\n" + table + tensors.size() + " tensors in " + storages.size()
                + " storages, " + bytes(total) + " of data\nstructure:\n" + String.join("\n", structure) + "\n";
    }

    /** Where a tensor's data is: its storage key and device, and its offset when not 0. */
    private static String storage(TensorRef t) {
        long offset = t.storage().viewOffset() + t.offset();
        return "'" + t.storage().rootKey() + "' " + t.storage().location() + (offset > 0 ? " +" + offset : "");
    }

    static String bytes(long n) {
        return n < 10_000 ? n + " B" : n < 10_000_000 ? (n + 512) / 1024 + " KiB" : (n + (1 << 19)) / (1 << 20) + " MiB";
    }

    /** Walks the unpickled object: collects tensors by dotted path and prints an indented outline. */
    private static final class Walker {
        private final Map<String, TensorRef> tensors;
        private final List<String> lines;
        private final Set<Object> open = Collections.newSetFromMap(new IdentityHashMap<>());
        private int omitted;
        private int visits;

        Walker(Map<String, TensorRef> tensors, List<String> lines) {
            this.tensors = tensors;
            this.lines = lines;
        }

        void walk(Object o, String path, String label, int depth) {
            if (++visits > MAX_VISITS) {
                return;
            }
            String indent = "  ".repeat(depth);
            if (depth > 64 || !open.add(o)) {
                line(indent + label + (depth > 64 ? "..." : "<itself>"));
                return;
            }
            if (o instanceof Py.Dict d) {
                line(indent + label + Py.typeName(d) + " (" + d.map.size() + " entries)");
                d.map.forEach((k, v) -> walk(v, join(path, String.valueOf(k)), repr(k) + ": ", depth + 1));
            } else if (o instanceof Py.PyList || o instanceof Py.Tuple) {
                Object[] items = o instanceof Py.PyList l ? l.items.toArray() : ((Py.Tuple) o).items;
                if (items.length <= 16 && java.util.Arrays.stream(items).allMatch(Walker::scalar)) {
                    line(indent + label + inline(items, o instanceof Py.Tuple));
                    open.remove(o);
                    return;
                }
                line(indent + label + Py.typeName(o) + " (" + items.length + " items)");
                for (int i = 0; i < items.length; i++) {
                    walk(items[i], join(path, Integer.toString(i)), "", depth + 1);
                }
            } else if (o instanceof TensorRef t) {
                tensors.put(path, t);
                line(indent + label + (t.parameter() ? "Parameter " : "tensor ") + t.dtype().shortName() + " "
                        + java.util.Arrays.toString(t.shape()));
            } else {
                line(indent + label + repr(o));
            }
            open.remove(o);
            if (depth == 0 && omitted > 0) {
                lines.add("... (" + omitted + " more lines)");
            }
            if (depth == 0 && visits > MAX_VISITS) {
                lines.add("... (stopped after " + MAX_VISITS + " values; the table lists the tensors met until then)");
            }
        }

        private void line(String s) {
            if (lines.size() < MAX_LINES) {
                lines.add(s);
            } else {
                omitted++;
            }
        }

        private static boolean scalar(Object o) {
            return !(o instanceof Py.Dict || o instanceof Py.PyList || o instanceof Py.Tuple || o instanceof Py.PySet
                    || o instanceof TensorRef || o instanceof StorageRef);
        }

        /** Python's repr of a short list or tuple of scalars: [1, 2], (0.9, 0.999), (3,). */
        private static String inline(Object[] items, boolean tuple) {
            List<String> parts = new ArrayList<>();
            for (Object item : items) {
                parts.add(repr(item));
            }
            String body = String.join(", ", parts);
            return tuple ? "(" + body + (parts.size() == 1 ? ",)" : ")") : "[" + body + "]";
        }

        private static String join(String path, String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        private static String repr(Object o) {
            if (o instanceof String s) {
                return "'" + Globals.shown(s) + "'";
            }
            if (o instanceof Py.Global g) {
                return g.fullName();
            }
            if (o instanceof Boolean b) {
                return b ? "True" : "False";
            }
            if (o instanceof Double d) {
                return dev.rnn4j.format.PythonRepr.floatRepr(d);
            }
            if (o instanceof byte[] b) {
                return "bytes (" + b.length + ")";
            }
            if (o instanceof Py.Tuple t) {
                return inline(t.items, true);
            }
            return o == null ? "None" : o instanceof Py.PySet ? "set" : ZipArchive.shorten(String.valueOf(o));
        }
    }

    /** Left-aligned columns, two spaces apart. */
    private static final class Table {
        private final List<String[]> rows = new ArrayList<>();

        Table(String... header) {
            rows.add(header);
        }

        void row(String... cells) {
            rows.add(cells);
        }

        @Override
        public String toString() {
            int[] width = new int[rows.get(0).length];
            for (String[] r : rows) {
                for (int i = 0; i < r.length; i++) {
                    width[i] = Math.max(width[i], r[i].length());
                }
            }
            StringBuilder sb = new StringBuilder();
            for (String[] r : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < r.length; i++) {
                    line.append(i == 0 ? "" : "  ").append(String.format("%-" + width[i] + "s", r[i]));
                }
                sb.append(line.toString().stripTrailing()).append('\n');
            }
            return sb.toString();
        }
    }
}
