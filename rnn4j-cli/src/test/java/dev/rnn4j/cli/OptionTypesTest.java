package dev.rnn4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The shared option types accept exactly their range and say what was wrong otherwise. */
class OptionTypesTest {

    @Test
    void positiveIntStartsAtOne() throws Exception {
        var type = new OptionTypes.PositiveInt();
        assertEquals(1, type.convert("1"));
        assertEquals(Integer.MAX_VALUE, type.convert("2147483647"));
        assertRejects(type, "0", "0 is not in 1..2147483647");
        assertRejects(type, "2147483648", "2147483648 is not in 1..2147483647");
    }

    @Test
    void threadsAreOneTo1024() throws Exception {
        var type = new OptionTypes.Threads();
        assertEquals(1024, type.convert("1024"));
        assertRejects(type, "1025", "1025 is not in 1..1024");
        assertRejects(type, "", "'' is not an integer");
    }

    @Test
    void seedAcceptsWhatLongParseLongAccepts() throws Exception {
        var type = new OptionTypes.Seed();
        assertEquals(5L, type.convert("+5"));
        assertEquals(Long.MIN_VALUE, type.convert("-9223372036854775808"));
        assertRejects(type, "9223372036854775808", "9223372036854775808 is not in -9223372036854775808..9223372036854775807");
        assertRejects(type, "1e3", "'1e3' is not an integer");
    }

    @Test
    void existingPathMustExist(@TempDir Path dir) throws Exception {
        var type = new OptionTypes.ExistingPath();
        assertEquals(dir, type.convert(dir.toString()));
        String missing = dir.resolve("missing.bin").toString();
        assertRejects(type, missing, "no such file or directory: " + missing);
        assertRejects(type, "a\0b", "'a\0b' is not a path");
    }

    private static void assertRejects(ITypeConverter<?> type, String text, String message) {
        assertEquals(message, assertThrows(TypeConversionException.class, () -> type.convert(text)).getMessage());
    }
}
