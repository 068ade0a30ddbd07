package dev.rnn4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Help goes to stdout with exit 0 when asked for, to stderr with exit 2 when no command was given. */
class HelpTest {

    @Test
    void noCommandPrintsUsageOnStderrAndExits2() {
        Run run = Run.of();
        assertEquals(2, run.status());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("Usage: rnn4j"), run.err());
        assertListsEveryCommand(run.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"help", "--help", "-h"})
    void helpPrintsUsageOnStdout(String form) {
        Run run = Run.of(form);
        run.assertDone();
        assertTrue(run.out().startsWith("Usage: rnn4j [-hV] COMMAND"), run.out());
        assertListsEveryCommand(run.out());
        assertTrue(run.out().contains("2   a usage error"), "exit statuses are documented\n" + run.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"seed", "classify"})
    void helpCommandAndHelpOptionPrintTheSameText(String command) {
        Run viaHelp = Run.of("help", command);
        Run viaOption = Run.of(command, "--help");
        viaHelp.assertDone();
        viaOption.assertDone();
        assertTrue(viaHelp.out().startsWith("Usage: rnn4j " + command + " [-h]"), viaHelp.out());
        assertEquals(viaHelp.out(), viaOption.out());
        assertEquals(viaHelp.out(), Run.of(command, "-h").out());
    }

    @Test
    void commandHelpShowsOptionsAndDefaults() {
        assertTrue(Run.of("seed", "--help").out().contains("--seed=N"));
        String classify = Run.of("classify", "--help").out();
        assertTrue(classify.contains("--epochs=N") && classify.contains("1 to 100000"), classify);
        assertTrue(classify.contains("Default: 15"), classify);
    }

    /**
     * picocli reports a description it cannot format (a bare '%') on the JVM's own stderr, not the command's, and
     * prints the text raw; every command's help must format cleanly.
     */
    @Test
    void everyCommandsHelpFormatsWithoutPicocliWarnings() {
        PrintStream stderr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            for (String command : Main.commandLine(System.out, System.err, false).getSubcommands().keySet()) {
                Run.of(command, "--help").assertDone();
            }
        } finally {
            System.setErr(stderr);
        }
        assertEquals("", warnings.toString(StandardCharsets.UTF_8));
        assertTrue(Run.of("train", "--help").out().contains("holding out its last 10% for validation"));
    }

    @Test
    void versionNamesTheBuildAndTheJvm() {
        Run run = Run.of("--version");
        run.assertDone();
        String[] lines = run.out().split("\n");
        assertTrue(lines[0].matches("rnn4j \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), "the filtered project version: " + lines[0]);
        assertTrue(lines[1].startsWith("Java " + System.getProperty("java.version")), lines[1]);
        assertEquals("Vector API: loaded", lines[2], "the tests run with --add-modules jdk.incubator.vector");
    }

    private static void assertListsEveryCommand(String usage) {
        for (String command : new String[]{"help", "seed", "classify"}) {
            assertTrue(usage.contains("\n  " + command + " "), command + " missing from\n" + usage);
        }
    }
}
