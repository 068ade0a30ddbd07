package dev.rnn4j.data;

import java.util.Arrays;

/**
 * The characters of a text numbered in code-point order, the vocabulary of a character-level model: id i stands
 * for the i-th smallest code point that occurs in the text, as {@code sorted(set(text))} numbers them in Python.
 */
public final class CharVocabulary {
    private final int[] codePoints;

    private CharVocabulary(int[] sortedDistinct) {
        this.codePoints = sortedDistinct;
    }

    /** The distinct characters of {@code text}. */
    public static CharVocabulary of(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("the text is empty: a vocabulary needs at least one character");
        }
        return new CharVocabulary(text.codePoints().distinct().sorted().toArray());
    }

    /** A vocabulary saved with {@link #codePoints()}: strictly increasing valid code points. */
    public static CharVocabulary ofCodePoints(int[] codePoints) {
        if (codePoints.length == 0) {
            throw new IllegalArgumentException("a vocabulary needs at least one character");
        }
        for (int i = 0; i < codePoints.length; i++) {
            if (!Character.isValidCodePoint(codePoints[i]) || (i > 0 && codePoints[i] <= codePoints[i - 1])) {
                throw new IllegalArgumentException("vocabulary code points must be valid and strictly increasing; "
                        + "entry " + i + " is " + codePoints[i]);
            }
        }
        return new CharVocabulary(codePoints.clone());
    }

    public int size() {
        return codePoints.length;
    }

    /** The code points, id by id. */
    public int[] codePoints() {
        return codePoints.clone();
    }

    /** The id of every character of {@code text}. */
    public int[] encode(String text) {
        return text.codePoints().map(this::id).toArray();
    }

    /** The id of one character. */
    public int id(int codePoint) {
        int i = Arrays.binarySearch(codePoints, codePoint);
        if (i < 0) {
            throw new IllegalArgumentException("character " + describe(codePoint) + " is not in the vocabulary");
        }
        return i;
    }

    /** The text the ids stand for. */
    public String decode(long[] ids) {
        StringBuilder s = new StringBuilder(ids.length);
        for (long id : ids) {
            if (id < 0 || id >= codePoints.length) {
                throw new IllegalArgumentException("id " + id + " is outside the vocabulary of " + codePoints.length);
            }
            s.appendCodePoint(codePoints[(int) id]);
        }
        return s.toString();
    }

    private static String describe(int codePoint) {
        String hex = String.format("U+%04X", codePoint);
        return Character.isISOControl(codePoint) ? hex : "'" + new String(Character.toChars(codePoint)) + "' (" + hex + ")";
    }
}
