package dev.rnn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CharCorpusTest {

    @Test
    void vocabularyNumbersCharactersInCodePointOrder() {
        CharVocabulary v = CharVocabulary.of("hello, wörld 🙂");
        assertEquals(" ,dehlorw\u00f6\uD83D\uDE42", new String(v.codePoints(), 0, v.size()));
        assertArrayEquals(new int[]{4, 3, 5, 5, 6}, v.encode("hello"));
        assertEquals("wörld 🙂", v.decode(java.util.Arrays.stream(v.encode("wörld 🙂")).asLongStream().toArray()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v.encode("hex"));
        assertEquals("character 'x' (U+0078) is not in the vocabulary", e.getMessage());
        assertEquals("character U+000A is not in the vocabulary",
                assertThrows(IllegalArgumentException.class, () -> v.id('\n')).getMessage());
        assertThrows(IllegalArgumentException.class, () -> CharVocabulary.of(""));
        assertThrows(IllegalArgumentException.class, () -> CharVocabulary.ofCodePoints(new int[]{98, 97}));
        assertArrayEquals(v.codePoints(), CharVocabulary.ofCodePoints(v.codePoints()).codePoints());
    }

    @Test
    void trainingWindowsAreTimeMajorWithTheNextCharacterAsTarget() {
        CharCorpus c = new CharCorpus("abcdefghij", 0.2);
        assertEquals(8, c.trainLength());
        assertEquals(2, c.validationLength());
        assertEquals(5, c.trainStarts(3));
        CharCorpus.Batch b = c.trainBatch(new long[]{0, 4}, 3);
        assertArrayEquals(new int[]{3, 2}, b.inputs().shape().toArray());
        // columns: "abc"→"bcd" and "efg"→"fgh", ids a=0 … j=9
        assertArrayEquals(new long[]{0, 4, 1, 5, 2, 6}, b.inputs().toLongArray());
        assertArrayEquals(new long[]{1, 5, 2, 6, 3, 7}, b.targets().toLongArray());
        assertThrows(IllegalArgumentException.class, () -> c.trainBatch(new long[]{5}, 3));
        assertEquals("the training text has 8 characters, too few for one window of 8 characters and its next "
                + "character", assertThrows(IllegalArgumentException.class, () -> c.trainStarts(8)).getMessage());
    }

    @Test
    void validationPredictsEveryHeldOutCharacterButTheFirstOnce() {
        String text = "abcdefghijklmnopqrstuvwxyz".repeat(4);
        CharCorpus c = new CharCorpus(text, 0.25);
        assertEquals(26, c.validationLength());
        List<CharCorpus.Batch> batches = c.validationBatches(4, 3);
        int predicted = batches.stream().mapToInt(CharCorpus.Batch::predictions).sum();
        assertEquals(25, predicted);
        // 6 whole windows of 4 in batches of 3, then the last character alone
        assertEquals(3, batches.size());
        assertArrayEquals(new int[]{1, 1}, batches.get(2).inputs().shape().toArray());
        assertArrayEquals(new long[]{25}, batches.get(2).targets().toLongArray());
        CharCorpus.Batch first = batches.get(0);
        assertEquals(text.charAt(78) - 'a', first.inputs().getLong(0, 0));
        assertEquals(text.charAt(79) - 'a', first.targets().getLong(0, 0));
        assertEquals(c.validationBatches(4, 3).get(1).inputs(), batches.get(1).inputs(), "the same every time");
    }

    @Test
    void heldOutFractionIsChecked() {
        assertThrows(IllegalArgumentException.class, () -> new CharCorpus("abc", 1.0));
        assertThrows(IllegalArgumentException.class, () -> new CharCorpus("abc", -0.1));
        assertThrows(IllegalArgumentException.class, () -> new CharCorpus("ab", 0.0).validationBatches(1, 1));
    }
}
