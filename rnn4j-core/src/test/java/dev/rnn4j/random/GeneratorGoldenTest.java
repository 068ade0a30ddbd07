package dev.rnn4j.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rnn4j.golden.GoldenFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Replays every case of {@code golden/rng.txt} (written by tools/golden/rng.py) and demands identical bits. */
class GeneratorGoldenTest {

    private static final AtomicLong CHECKED = new AtomicLong();

    @TestFactory
    Stream<DynamicTest> matchesPyTorch() {
        List<GoldenFile.Case> cases = GoldenFile.load("rng.txt");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> replay(c)));
    }

    @AfterAll
    static void report() {
        System.out.println("rng golden: " + CHECKED.get() + " float32 values checked bit-exact");
    }

    private static void replay(GoldenFile.Case c) {
        Generator g = new Generator();
        g.manualSeed(Long.parseUnsignedLong(c.get("seed")));
        String[] ops = c.get("ops").split(" ");
        if (c.settings().containsKey("sha256")) {
            float[] actual = run(g, ops[0]);
            assertEquals(c.get("sha256"), sha256(actual), c.name() + ": digest of " + actual.length + " values");
            CHECKED.addAndGet(actual.length);
            return;
        }
        for (int k = 0; k < ops.length; k++) {
            float[] expected = c.tensor("out" + k).values();
            float[] actual = run(g, ops[k]);
            assertBitsEqual(c.name() + " op " + k + " (" + ops[k] + ")", expected, actual);
        }
    }

    /** Executes one op of the syntax documented in tools/golden/rng.py. */
    static float[] run(Generator g, String op) {
        String[] a = op.split(":");
        int n = Integer.parseInt(a[1]);
        float[] out = new float[n];
        switch (a[0]) {
            case "randn" -> g.normal(out, 0, n, 0.0, 1.0);
            case "rand" -> g.uniform(out, 0, n, 0.0, 1.0);
            case "uniform" -> g.uniform(out, 0, n, Double.parseDouble(a[2]), Double.parseDouble(a[3]));
            case "normal" -> g.normal(out, 0, n, Double.parseDouble(a[2]), Double.parseDouble(a[3]));
            case "bernoulli" -> g.bernoulli(out, 0, n, Double.parseDouble(a[2]));
            default -> throw new IllegalArgumentException("unknown op " + op);
        }
        return out;
    }

    /** SHA-256 of the values as little-endian float32 bytes, as rng.py hashes them. */
    private static String sha256(float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertBitsEqual(String what, float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                fail(what + ": first mismatch at index " + i + ": expected " + expected[i] + " ("
                        + Integer.toHexString(Float.floatToIntBits(expected[i])) + ") but was " + actual[i]
                        + " (" + Integer.toHexString(Float.floatToIntBits(actual[i])) + ")");
            }
        }
        CHECKED.addAndGet(expected.length);
    }
}
