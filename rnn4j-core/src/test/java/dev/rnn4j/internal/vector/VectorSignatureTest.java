package dev.rnn4j.internal.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package's rule (see VectorSleef): no method of ours takes or returns a Vector API value. Such a method, left
 * un-inlined when C2 runs out of its node budget for the method it compiles, boxes every vector that crosses it:
 * LSTM's forward gates ran six times slower for it, allocating all the while.
 */
class VectorSignatureTest {

    @Test
    void noMethodTakesOrReturnsAVector() throws Exception {
        List<Class<?>> classes = packageClasses();
        assertTrue(classes.size() >= 8, "found only " + classes);
        List<String> offenders = new ArrayList<>();
        for (Class<?> c : classes) {
            List<Executable> all = new ArrayList<>(Arrays.asList(c.getDeclaredMethods()));
            all.addAll(Arrays.asList(c.getDeclaredConstructors()));
            for (Executable e : all) {
                boolean returns = e instanceof Method m && isVectorType(m.getReturnType());
                if (returns || Stream.of(e.getParameterTypes()).anyMatch(VectorSignatureTest::isVectorType)) {
                    offenders.add(c.getSimpleName() + "." + e.getName());
                }
            }
        }
        assertEquals(List.of(), offenders);
    }

    private static boolean isVectorType(Class<?> t) {
        return t.getName().startsWith("jdk.incubator.vector.") && !t.getSimpleName().endsWith("Species")
                && !t.getSimpleName().equals("VectorOperators");
    }

    /** Every class compiled into this package, nested ones included. */
    private static List<Class<?>> packageClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path dir = Path.of(VectorKernels.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/rnn4j/internal/vector");
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".class")) {
                    classes.add(Class.forName("dev.rnn4j.internal.vector." + name.substring(0, name.length() - 6)));
                }
            }
        }
        return classes;
    }
}
