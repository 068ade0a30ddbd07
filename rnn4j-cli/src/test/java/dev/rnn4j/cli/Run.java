package dev.rnn4j.cli;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One in-process run of rnn4j: its exit status and what it printed on each stream. */
record Run(int status, String out, String err) {

    /** {@code rnn4j args...}, as the launcher runs it. */
    static Run of(String... args) {
        return capture((out, err) -> Main.run(args, out, err));
    }

    /** Like {@link #of}, with a command added for the test (debug: stack traces on internal failures). */
    static Run with(CliCommand command, boolean debug, String... args) {
        return capture((out, err) -> {
            CommandLine commandLine = Main.commandLine(out, err, debug);
            commandLine.addSubcommand(command);
            return Main.execute(commandLine, args);
        });
    }

    private static Run capture(BiFunction<PrintStream, PrintStream, Integer> body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = body.apply(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    List<String> errLines() {
        return err.lines().toList();
    }

    /** A usage error of {@code command} ("rnn4j seed"): exit 2, nothing on stdout, the error line and the hint. */
    void assertUsageError(String command, String problem) {
        assertAll(() -> assertEquals(2, status, err),
                () -> assertEquals("", out),
                () -> assertEquals(List.of(command + ": " + problem, "Try '" + command + " --help'"), errLines()),
                this::assertNoStackTrace);
    }

    void assertNoStackTrace() {
        assertFalse(err.contains("Exception") || err.contains("\tat ") || err.contains("at dev."), err);
    }

    /** Exit 0, nothing on stderr. */
    void assertDone() {
        assertEquals(0, status, err);
        assertTrue(err.isEmpty(), err);
    }
}
