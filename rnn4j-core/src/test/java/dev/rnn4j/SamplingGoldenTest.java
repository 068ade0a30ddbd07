package dev.rnn4j;

import dev.rnn4j.golden.GoldenFile;
import dev.rnn4j.random.Generator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.Arrays;
import java.util.stream.Stream;

import static dev.rnn4j.golden.GoldenAssert.assertSameBits;
import static dev.rnn4j.golden.GoldenAssert.tensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * randint, multinomial and argmax against PyTorch 2 (tools/golden/sampling.py): every draw of every op in a
 * sequence, so that each op must also consume exactly PyTorch's number of draws.
 */
class SamplingGoldenTest {

    @TestFactory
    Stream<DynamicTest> draws() {
        return GoldenFile.load("sampling.txt").stream().filter(c -> !c.settings().containsKey("kind"))
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> replay(c)));
    }

    @TestFactory
    Stream<DynamicTest> argmax() {
        return GoldenFile.load("sampling.txt").stream()
                .filter(c -> c.settings().containsKey("kind") && c.get("kind").equals("argmax"))
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    Tensor x = tensor(c.tensor("input"));
                    LongTensor out = c.get("dim").equals("None") ? x.argmax()
                            : x.argmax(c.getInt("dim"), c.getBoolean("keepdim"));
                    assertArrayEquals(c.getShape("out_shape"), out.shape().toArray(), "shape");
                    assertArrayEquals(c.getLongs("out"), out.toLongArray(), "indices");
                }));
    }

    /** The case's ops in order, on the default generator or on an explicit one, as sampling.py ran them. */
    private static void replay(GoldenFile.Case c) {
        boolean explicit = c.getBoolean("generator");
        Generator g = explicit ? new Generator() : Torch.defaultGenerator();
        g.manualSeed(c.getLong("seed"));
        String[] ops = c.get("ops").split(" ");
        for (int k = 0; k < ops.length; k++) {
            String[] a = ops[k].split(":");
            String what = "op " + k + " (" + ops[k] + ")";
            switch (a[0]) {
                case "randint" -> {
                    LongTensor out = explicit ? Torch.randint(g, Long.parseLong(a[1]), Long.parseLong(a[2]), shape(a[3]))
                            : Torch.randint(Long.parseLong(a[1]), Long.parseLong(a[2]), shape(a[3]));
                    assertArrayEquals(shape(a[3]), out.shape().toArray(), what + ": shape");
                    assertArrayEquals(c.getLongs("out" + k), out.toLongArray(), what);
                }
                case "multinomial" -> {
                    Tensor probs = tensor(c.tensor("probs" + a[1]));
                    int n = Integer.parseInt(a[2]);
                    boolean replacement = Boolean.parseBoolean(a[3].toLowerCase());
                    LongTensor out = explicit ? Torch.multinomial(g, probs, n, replacement)
                            : Torch.multinomial(probs, n, replacement);
                    assertEquals(probs.dim(), out.dim(), what + ": rank");
                    assertArrayEquals(c.getLongs("out" + k), out.toLongArray(), what);
                }
                default -> {
                    Tensor out = explicit ? Torch.randn(g, Integer.parseInt(a[1])) : Torch.randn(Integer.parseInt(a[1]));
                    float[] want = c.tensor("out" + k).values();
                    float[] got = out.toFloatArray();
                    for (int i = 0; i < want.length; i++) {
                        assertSameBits(want[i], got[i], what + " [" + i + "]");
                    }
                }
            }
        }
    }

    private static int[] shape(String s) {
        return s.equals("scalar") ? new int[0] : Arrays.stream(s.split("x")).mapToInt(Integer::parseInt).toArray();
    }
}
