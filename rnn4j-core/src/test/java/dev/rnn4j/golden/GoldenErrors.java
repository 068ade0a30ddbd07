package dev.rnn4j.golden;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The error cases of a golden file ({@code case error_NAME}, {@code kind error}, {@code text message}): each
 * Java call, named as the script named the Python call, must throw an IllegalArgumentException with PyTorch's
 * message. A case without a Java call fails, so every message the script recorded is checked.
 */
public final class GoldenErrors {

    private GoldenErrors() {
    }

    public static Stream<DynamicTest> messages(String file, Map<String, Executable> calls) {
        return GoldenFile.load(file).stream()
                .filter(c -> c.settings().containsKey("kind") && c.get("kind").equals("error"))
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    String name = c.name().substring("error_".length());
                    Executable call = calls.get(name);
                    assertNotNull(call, "no Java call for " + name);
                    assertEquals(c.text("message"), assertThrows(IllegalArgumentException.class, call).getMessage());
                }));
    }
}
