package dev.rnn4j.golden;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the golden-vector files written by the scripts in {@code tools/golden/}.
 *
 * <p>The format is line based, so that a diff of a regenerated file stays readable:
 * <pre>
 * # a comment
 * case NAME                      starts a case
 * KEY VALUE...                   a setting of the case (the rest of the line)
 * tensor NAME SHAPE V1 V2 ...    SHAPE is 3x1x4, "scalar" for 0-d, or 0 for an empty vector;
 *                                values are Python's repr of each float32, so parsing is exact
 * text NAME ESCAPED              a string with "\\" for a backslash and "\n" for a newline
 * </pre>
 */
public final class GoldenFile {

    /** A tensor as PyTorch wrote it: shape and row-major float32 values. */
    public record Array(int[] shape, float[] values) {
        @Override
        public String toString() {
            return "Array" + Arrays.toString(shape);
        }
    }

    /** One case: its settings, tensors and texts, in file order. */
    public record Case(String name, Map<String, String> settings, Map<String, Array> tensors,
                       Map<String, String> texts) {
        public String get(String key) {
            String v = settings.get(key);
            if (v == null) {
                throw new IllegalArgumentException("case " + name + " has no setting " + key);
            }
            return v;
        }

        public int getInt(String key) {
            return Integer.parseInt(get(key));
        }

        public long getLong(String key) {
            return Long.parseLong(get(key));
        }

        public double getDouble(String key) {
            return Double.parseDouble(get(key));
        }

        public boolean getBoolean(String key) {
            String v = get(key);
            if (v.equals("True") || v.equals("true")) {
                return true;
            }
            if (v.equals("False") || v.equals("false")) {
                return false;
            }
            throw new IllegalArgumentException("case " + name + ": " + key + " is not a boolean: " + v);
        }

        /** A space-separated list of integers (int64 values: indices, samples). */
        public long[] getLongs(String key) {
            String v = get(key).trim();
            return v.isEmpty() ? new long[0] : Arrays.stream(v.split(" ")).mapToLong(Long::parseLong).toArray();
        }

        /** A shape written as the tensors' shapes are: 3x1x4, "scalar" for 0-d. */
        public int[] getShape(String key) {
            return parseShape(get(key));
        }

        public Array tensor(String tensorName) {
            Array a = tensors.get(tensorName);
            if (a == null) {
                throw new IllegalArgumentException("case " + name + " has no tensor " + tensorName);
            }
            return a;
        }

        public String text(String textName) {
            String t = texts.get(textName);
            if (t == null) {
                throw new IllegalArgumentException("case " + name + " has no text " + textName);
            }
            return t;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private GoldenFile() {
    }

    /** Loads {@code /golden/NAME} from the test class path. */
    public static List<Case> load(String resourceName) {
        String path = "/golden/" + resourceName;
        try (InputStream in = GoldenFile.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden resource " + path);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Case> parse(String content) {
        List<Case> cases = new ArrayList<>();
        Case current = null;
        int lineNo = 0;
        for (String line : content.split("\n", -1)) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.indexOf(' ');
            String head = space < 0 ? line : line.substring(0, space);
            String rest = space < 0 ? "" : line.substring(space + 1);
            if (head.equals("case")) {
                current = new Case(rest, new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
                cases.add(current);
                continue;
            }
            if (current == null) {
                throw new IllegalArgumentException("line " + lineNo + ": content before the first case");
            }
            switch (head) {
                case "tensor" -> {
                    String[] parts = rest.split(" ");
                    current.tensors().put(parts[0], new Array(parseShape(parts[1]),
                            parseValues(parts, 2, lineNo)));
                }
                case "text" -> {
                    int sp = rest.indexOf(' ');
                    String textName = sp < 0 ? rest : rest.substring(0, sp);
                    current.texts().put(textName, unescape(sp < 0 ? "" : rest.substring(sp + 1)));
                }
                default -> current.settings().put(head, rest);
            }
        }
        return cases;
    }

    private static int[] parseShape(String s) {
        if (s.equals("scalar")) {
            return new int[0];
        }
        return Arrays.stream(s.split("x")).mapToInt(Integer::parseInt).toArray();
    }

    private static float[] parseValues(String[] parts, int from, int lineNo) {
        float[] v = new float[parts.length - from];
        for (int i = 0; i < v.length; i++) {
            String p = parts[from + i];
            try {
                v[i] = switch (p) {
                    case "nan" -> Float.NaN;
                    case "inf" -> Float.POSITIVE_INFINITY;
                    case "-inf" -> Float.NEGATIVE_INFINITY;
                    default -> Float.parseFloat(p);
                };
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("line " + lineNo + ": bad number " + p, e);
            }
        }
        return v;
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(n == 'n' ? '\n' : n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
