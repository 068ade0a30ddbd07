package dev.rnn4j.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Seeding, snapshots and the bookkeeping around the cached normal sample. */
class GeneratorStateTest {

    @Test
    void freshGeneratorHasTorchDefaultSeed() {
        assertEquals(67280421310721L, new Generator().initialSeed());
    }

    @Test
    void defaultGeneratorIsSharedAndSeededWithin53Bits() {
        Generator g = Generator.defaultGenerator();
        assertSame(g, Generator.defaultGenerator());
        assertTrue(g.initialSeed() >= 0 && g.initialSeed() < (1L << 53));
    }

    @Test
    void getStateSetStateRoundTripIncludesTheNormalCache() {
        Generator g = new Generator();
        g.manualSeed(1234);
        g.normal(new float[3], 0, 3, 0, 1);   // leaves a cached sample behind
        Generator.State snapshot = g.getState();
        assertNotNull(snapshot.nextDoubleNormal());

        float[] first = draws(g);
        g.setState(snapshot);
        assertArrayEquals(first, draws(g));

        Generator other = new Generator();
        other.setState(snapshot);
        assertEquals(snapshot, other.getState());
        assertArrayEquals(first, draws(other));
    }

    @Test
    void snapshotIsImmutable() {
        Generator g = new Generator();
        Generator.State s = g.getState();
        int[] words = s.mt();
        words[0] ^= 1;
        assertNotEquals(words[0], s.mt()[0]);
        assertEquals(s, g.getState());
    }

    @Test
    void manualSeedClearsTheCache() {
        Generator g = new Generator();
        g.manualSeed(0);
        g.normal(new float[1], 0, 1, 0, 1);
        assertNotNull(g.getState().nextDoubleNormal());
        g.manualSeed(0);
        assertNull(g.getState().nextDoubleNormal());
    }

    @Test
    void largeNormalFillNeitherUsesNorClearsTheCache() {
        Generator g = new Generator();
        g.manualSeed(0);
        g.normal(new float[3], 0, 3, 0, 1);
        Double cached = g.getState().nextDoubleNormal();
        g.normal(new float[20], 0, 20, 0, 1);
        assertEquals(cached, g.getState().nextDoubleNormal());
    }

    @Test
    void drawCountsMatchPyTorch() {
        assertEquals(992, drawsUsed(g -> g.normal(new float[992], 0, 992, 0, 1)));
        assertEquals(1000 + 16, drawsUsed(g -> g.normal(new float[1000], 0, 1000, 0, 1)));
        assertEquals(33 + 16, drawsUsed(g -> g.normal(new float[33], 0, 33, 0, 1)));
        assertEquals(4 * 2, drawsUsed(g -> g.normal(new float[3], 0, 3, 0, 1)));  // two pairs, two random64 each
        assertEquals(7, drawsUsed(g -> g.uniform(new float[7], 0, 7, -1, 1)));
        assertEquals(2 * 5, drawsUsed(g -> g.bernoulli(new float[5], 0, 5, 0.5)));
    }

    @Test
    void writesOnlyTheRequestedRange() {
        Generator g = new Generator();
        float[] buf = new float[40];
        Arrays.fill(buf, 7f);
        g.normal(buf, 3, 33, 0, 1);
        assertEquals(7f, buf[2]);
        assertEquals(7f, buf[36]);
        assertThrows(IndexOutOfBoundsException.class, () -> g.uniform(buf, 30, 11, 0, 1));
    }

    @Test
    void rejectsInvalidArguments() {
        Generator g = new Generator();
        float[] buf = new float[4];
        assertThrows(IllegalArgumentException.class, () -> g.uniform(buf, 0, 4, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> g.normal(buf, 0, 4, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> g.bernoulli(buf, 0, 4, 1.5));
    }

    private static float[] draws(Generator g) {
        float[] out = new float[3 + 40 + 5 + 6];
        g.normal(out, 0, 3, 0, 1);
        g.normal(out, 3, 40, 0, 1);
        g.uniform(out, 43, 5, -2, 2);
        g.bernoulli(out, 48, 6, 0.5);
        return out;
    }

    private static int drawsUsed(Consumer<Generator> op) {
        Generator g = new Generator();
        g.manualSeed(99);
        op.accept(g);
        int marker = g.random();
        Generator probe = new Generator();
        probe.manualSeed(99);
        for (int i = 0; i < 100_000; i++) {
            if (probe.random() == marker) {
                return i;
            }
        }
        throw new AssertionError("marker not found");
    }
}
