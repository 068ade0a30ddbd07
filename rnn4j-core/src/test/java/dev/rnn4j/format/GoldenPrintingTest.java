package dev.rnn4j.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.golden.GoldenFile;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every repr PyTorch wrote in printing.txt, reproduced character for character. */
class GoldenPrintingTest {

    private static final List<GoldenFile.Case> CASES = GoldenFile.load("printing.txt");

    @Test
    void fileHasEnoughCases() {
        long tensors = CASES.stream().filter(c -> !c.get("kind").equals("size")).count();
        assertTrue(tensors >= 400, "only " + tensors + " tensor cases");
    }

    @TestFactory
    Stream<DynamicTest> everyCase() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private static void check(GoldenFile.Case c) {
        String expected = c.text("repr");
        switch (c.get("kind")) {
            case "float" -> checkFloat(c, expected, false);
            case "param" -> checkFloat(c, expected, true);
            case "long" -> assertEquals(expected, TensorFormat.reprLong(GoldenCases.longs(c),
                    GoldenCases.shape(c.get("shape")), GoldenCases.suffixes(c), GoldenCases.options(c)));
            case "size" -> assertEquals(expected, TensorFormat.size(GoldenCases.shape(c.get("shape"))));
            default -> throw new IllegalArgumentException("unknown kind in " + c);
        }
    }

    /** The contiguous values, then the same tensor as a transposed and as a spread-out view. */
    private static void checkFloat(GoldenFile.Case c, String expected, boolean parameter) {
        GoldenFile.Array x = c.tensor("x");
        List<String> suffixes = GoldenCases.suffixes(c);
        PrintOptions options = GoldenCases.options(c);
        int[] shape = x.shape();
        String contiguous = TensorFormat.repr(x.values(), 0, shape, StridedLayouts.contiguous(shape), suffixes,
                options);
        assertEquals(expected, parameter ? TensorFormat.parameter(contiguous) : contiguous);
        if (parameter) {
            return;
        }
        StridedLayouts.Stored t = StridedLayouts.transposed(x.values(), shape);
        assertEquals(expected, TensorFormat.repr(t.data(), t.offset(), shape, t.strides(), suffixes, options),
                "transposed view");
        StridedLayouts.Stored s = StridedLayouts.spread(x.values(), shape, 5);
        assertEquals(expected, TensorFormat.repr(s.data(), s.offset(), shape, s.strides(), suffixes, options),
                "strided view with offset");
    }
}
