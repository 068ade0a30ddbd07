package dev.rnn4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The jobs' options: values, defaults, flags, and a message that names each mistake. */
class JobArgsTest {
    static final List<String> OPTIONS = List.of("--steps", "--lr", "--out");

    @Test
    void valuesDefaultsAndFlags() {
        JobArgs a = new JobArgs(new String[]{"--steps", "12", "--bidirectional", "--lr", "0.5"}, OPTIONS,
                List.of("--bidirectional"));
        assertEquals(12, a.integer("--steps", 3));
        assertEquals(0.5, a.real("--lr", 1));
        assertEquals("runs", a.text("--out", "runs"));
        assertTrue(a.has("--bidirectional"));
        assertFalse(a.has("--out"));
    }

    @Test
    void mistakesAreNamed() {
        assertMessage("unknown option --step", new String[]{"--step", "3"});
        assertMessage("--out needs a value", new String[]{"--out"});
        JobArgs a = new JobArgs(new String[]{"--steps", "many", "--lr", "fast"}, OPTIONS, List.of());
        assertEquals("--steps takes a whole number, got 'many'",
                assertThrows(IllegalArgumentException.class, () -> a.integer("--steps", 1)).getMessage());
        assertEquals("--lr takes a number, got 'fast'",
                assertThrows(IllegalArgumentException.class, () -> a.real("--lr", 1)).getMessage());
        assertEquals("--out is required",
                assertThrows(IllegalArgumentException.class, () -> a.required("--out")).getMessage());
    }

    static void assertMessage(String start, String[] args) {
        String m = assertThrows(IllegalArgumentException.class, () -> new JobArgs(args, OPTIONS, List.of()))
                .getMessage();
        assertTrue(m.startsWith(start), m);
    }
}
