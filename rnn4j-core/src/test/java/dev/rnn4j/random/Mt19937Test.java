package dev.rnn4j.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The engine against the published MT19937 reference outputs. */
class Mt19937Test {

    @Test
    void firstOutputsForSeed5489() {
        // std::mt19937's default seed; values from the reference mt19937ar output.
        long[] expected = {3499211612L, 581869302L, 3890346734L, 3586334585L, 545404204L,
            4161255391L, 3922919429L, 949333985L, 2715962298L, 1323567403L};
        Mt19937 mt = new Mt19937(5489);
        long[] actual = new long[expected.length];
        for (int i = 0; i < actual.length; i++) {
            actual[i] = mt.nextInt() & 0xffffffffL;
        }
        assertArrayEquals(expected, actual);
    }

    @Test
    void tenThousandthOutputMatchesTheCppStandard() {
        // [rand.predef]: the 10000th consecutive invocation of a default mt19937 yields 4123659995.
        Mt19937 mt = new Mt19937(5489);
        int v = 0;
        for (int i = 0; i < 10000; i++) {
            v = mt.nextInt();
        }
        assertEquals(4123659995L, v & 0xffffffffL);
    }

    @Test
    void onlyTheLow32BitsOfTheSeedMatter() {
        Mt19937 a = new Mt19937(5);
        Mt19937 b = new Mt19937((1L << 32) + 5);
        for (int i = 0; i < 2000; i++) {
            assertEquals(a.nextInt(), b.nextInt());
        }
        assertEquals((1L << 32) + 5, b.seed());
    }

    @Test
    void copyContinuesIdentically() {
        Mt19937 a = new Mt19937(42);
        for (int i = 0; i < 700; i++) {
            a.nextInt();
        }
        Mt19937 b = a.copy();
        for (int i = 0; i < 1000; i++) {
            assertEquals(a.nextInt(), b.nextInt());
        }
    }
}
