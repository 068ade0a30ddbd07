package dev.rnn4j.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A command that breaks is reported in one line with exit 1; its stack trace only when debugging. */
class FailuresTest {

    @Command(name = "boom")
    static final class Boom extends CliCommand {
        private final RuntimeException failure;

        Boom(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() {
            throw failure;
        }
    }

    /** A check across options that only the command can make is a usage error too; "RNN" keeps its capitals. */
    @Command(name = "clash")
    static final class Clash extends CliCommand {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            throw new ParameterException(spec.commandLine(), "RNN options --a and --b cannot be used together");
        }
    }

    @Test
    void internalFailureIsOneLineAndExit1() {
        Run run = Run.with(new Boom(new IllegalStateException("the model diverged")), false, "boom");
        assertEquals(1, run.status());
        assertEquals(List.of("rnn4j boom: error: the model diverged"), run.errLines());
        run.assertNoStackTrace();
    }

    @Test
    void aMessageOfManyLinesStaysOnOne() {
        Run run = Run.with(new Boom(new IllegalArgumentException("shapes differ:\n  (3, 4)\n  (4, 3)\n")), false, "boom");
        assertEquals(List.of("rnn4j boom: error: shapes differ: (3, 4) (4, 3)"), run.errLines());
    }

    @Test
    void aFailureWithoutMessageIsNamedByItsClass() {
        Run run = Run.with(new Boom(new UnsupportedOperationException()), false, "boom");
        assertEquals(List.of("rnn4j boom: error: java.lang.UnsupportedOperationException"), run.errLines());
    }

    @Test
    void debugAddsTheStackTrace() {
        Run run = Run.with(new Boom(new IllegalStateException("the model diverged")), true, "boom");
        assertEquals(1, run.status());
        assertEquals("rnn4j boom: error: the model diverged", run.errLines().get(0));
        assertTrue(run.err().contains("java.lang.IllegalStateException: the model diverged\n\tat dev.rnn4j.cli."), run.err());
    }

    @Test
    void aCommandsOwnUsageCheckExits2() {
        Run.with(new Clash(), false, "clash").assertUsageError("rnn4j clash", "RNN options --a and --b cannot be used together");
    }
}
