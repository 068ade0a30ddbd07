package dev.rnn4j.spark;

import dev.rnn4j.LongTensor;
import dev.rnn4j.Torch;

import java.util.List;

/**
 * A column value as a model's input sequence, or the reason it is not one. A character model reads text or an
 * array of token ids; a plain recurrent module an array of floats (or doubles), L·inputSize of them, step by step.
 * Arrays come as Spark gives them (a Scala {@code Seq} or a {@code java.util.List}) or as Java arrays.
 */
final class Sequences {

    private Sequences() {
    }

    /** A {@link dev.rnn4j.Tensor} (L, inputSize), a {@link LongTensor} (L) of token ids, or a {@link BadRow}. */
    static Object parse(Object value, LoadedModel model, int maxLength) {
        if (value == null) {
            return BadRow.NULL;
        }
        if (model.readsTokens()) {
            return value instanceof String text ? text(text, model, maxLength) : ids(list(value), model, maxLength);
        }
        return floats(list(value), model.inputSize(), maxLength);
    }

    private static Object text(String text, LoadedModel model, int maxLength) {
        int n = text.codePointCount(0, text.length());
        if (n == 0) {
            return BadRow.EMPTY;
        }
        if (n > maxLength) {
            return BadRow.TOO_LONG;
        }
        long[] ids = new long[n];
        int[] cps = text.codePoints().toArray();
        int[] vocabulary = model.vocabulary().codePoints();
        for (int i = 0; i < n; i++) {
            int id = java.util.Arrays.binarySearch(vocabulary, cps[i]);
            if (id < 0) {
                return BadRow.MALFORMED;
            }
            ids[i] = id;
        }
        return LongTensor.of(ids, new int[]{n});
    }

    private static Object ids(List<?> values, LoadedModel model, int maxLength) {
        if (values == null) {
            return BadRow.MALFORMED;
        }
        Object bad = size(values.size(), maxLength);
        if (bad != null) {
            return bad;
        }
        long[] ids = new long[values.size()];
        for (int i = 0; i < ids.length; i++) {
            Object v = values.get(i);
            if (!(v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte)) {
                return BadRow.MALFORMED;
            }
            ids[i] = ((Number) v).longValue();
            if (ids[i] < 0 || ids[i] >= model.vocabularySize()) {
                return BadRow.MALFORMED;
            }
        }
        return LongTensor.of(ids, new int[]{ids.length});
    }

    private static Object floats(List<?> values, int inputSize, int maxLength) {
        if (values == null || values.size() % inputSize != 0) {
            return BadRow.MALFORMED;
        }
        int steps = values.size() / inputSize;
        Object bad = size(steps, maxLength);
        if (bad != null) {
            return bad;
        }
        float[] x = new float[values.size()];
        for (int i = 0; i < x.length; i++) {
            if (!(values.get(i) instanceof Float || values.get(i) instanceof Double)) {
                return BadRow.MALFORMED;
            }
            x[i] = ((Number) values.get(i)).floatValue();
        }
        return Torch.tensor(x, steps, inputSize);
    }

    private static BadRow size(int steps, int maxLength) {
        return steps == 0 ? BadRow.EMPTY : steps > maxLength ? BadRow.TOO_LONG : null;
    }

    /** The elements of an array value, or null when the value is not an array. */
    private static List<?> list(Object value) {
        if (value instanceof scala.collection.Seq<?> s) {
            return scala.jdk.javaapi.CollectionConverters.asJava(s);
        }
        if (value instanceof List<?> l) {
            return l;
        }
        if (value instanceof float[] f) {
            Float[] boxed = new Float[f.length];
            for (int i = 0; i < f.length; i++) {
                boxed[i] = f[i];
            }
            return List.of(boxed);
        }
        if (value instanceof double[] d) {
            return java.util.Arrays.stream(d).boxed().toList();
        }
        if (value instanceof int[] ints) {
            return java.util.Arrays.stream(ints).boxed().toList();
        }
        if (value instanceof long[] longs) {
            return java.util.Arrays.stream(longs).boxed().toList();
        }
        return null;
    }
}
