package dev.rnn4j.io;

import dev.rnn4j.LongTensor;
import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.golden.GoldenFile;
import dev.rnn4j.nn.Parameter;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Every file tools/golden/interchange.py wrote with PyTorch (1.13 zip, 2.13 zip, legacy
 * stream, deflated zip with a renamed root, safetensors) loads into what PyTorch saved: the
 * same structure, every value exactly, strides of float views, Parameter and requires_grad.
 */
class InterchangeGoldenTest {

    static final String DIR = "golden/interchange/";

    static List<GoldenFile.Case> cases() {
        return GoldenFile.load("interchange/expected.txt");
    }

    static Path file(String name) {
        try {
            return Path.of(InterchangeGoldenTest.class.getClassLoader().getResource(DIR + name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException("missing golden file " + name, e);
        }
    }

    static Object load(String name) throws IOException {
        return name.endsWith(".safetensors") ? SafeTensors.load(file(name)).tensors() : Torch.load(file(name));
    }

    @TestFactory
    List<DynamicTest> dataFiles() {
        List<DynamicTest> tests = new ArrayList<>();
        for (GoldenFile.Case c : cases()) {
            if (c.settings().containsKey("mode")) {
                continue;
            }
            for (String name : c.get("files").split(" ")) {
                tests.add(DynamicTest.dynamicTest(c.name() + " " + name, () -> checkData(c, load(name))));
            }
        }
        return tests;
    }

    private static void checkData(GoldenFile.Case c, Object loaded) {
        assertEquals(c.texts().get("structure"), Describe.of(loaded), "structure");
        Map<String, Object> tensors = Describe.tensors(loaded);
        for (Map.Entry<String, Object> e : tensors.entrySet()) {
            String path = e.getKey();
            if (e.getValue() instanceof Tensor t) {
                GoldenFile.Array want = c.tensors().get("value." + path);
                assertArrayEquals(want.shape(), t.shape().toArray(), path + " shape");
                assertArrayEquals(want.values(), t.toFloatArray(), path + " values");
                String strides = c.get("strides." + path);
                assertArrayEquals(strides.equals("-") ? new int[0] : Arrays.stream(strides.split(" "))
                        .mapToInt(Integer::parseInt).toArray(), t.strides(), path + " strides");
                assertEquals(c.getBoolean("parameter." + path), t instanceof Parameter, path + " is a Parameter");
                assertEquals(c.getBoolean("requires_grad." + path), t.requiresGrad(), path + " requires_grad");
            } else {
                String[] want = c.get("long." + path).split(" ");
                LongTensor t = (LongTensor) e.getValue();
                assertEquals(want[0].equals("scalar") ? "" : want[0], joinShape(t.shape().toArray()), path + " shape");
                long[] values = Arrays.stream(want).skip(1).mapToLong(Long::parseLong).toArray();
                assertArrayEquals(values, t.toLongArray(), path + " values");
            }
        }
    }

    private static String joinShape(int[] shape) {
        return String.join("x", Arrays.stream(shape).mapToObj(Integer::toString).toList());
    }

    @Test
    void viewsShareTheirStorageAsInPyTorch() throws IOException {
        for (String name : List.of("views.pt", "views_v2.pt", "views_legacy.pt", "views_deflated.pt")) {
            Map<?, ?> m = (Map<?, ?>) Torch.load(file(name));
            Tensor flat = (Tensor) m.get("flat");
            try (var g = Torch.noGrad()) {
                flat.fill_(7f);
                ((Tensor) m.get("same1")).fill_(9f);
            }
            for (String view : List.of("a", "b", "c")) {
                for (float v : ((Tensor) m.get(view)).toFloatArray()) {
                    assertEquals(7f, v, name + ": " + view + " is a view of flat");
                }
            }
            assertEquals(9f, ((Tensor) m.get("same2")).toFloatArray()[0], name + ": same1 and same2 share");
        }
    }

    @Test
    void theSafetensorsMetadataIsKept() throws IOException {
        assertEquals(Map.of("format", "pt", "source", "interchange.py"),
                SafeTensors.load(file("dtypes.safetensors")).metadata());
    }

    @Test
    void oneLoadedObjectPerPickledObject() throws IOException {
        Map<?, ?> m = (Map<?, ?>) Torch.load(file("views.pt"));
        assertInstanceOf(Parameter.class, m.get("p"));
        Map<?, ?> legacy = (Map<?, ?>) Torch.load(file("views_legacy.pt"));
        assertSame(legacy.get("same1"), legacy.get("same2"), "a tensor pickled once (memoized) loads once");
    }
}
