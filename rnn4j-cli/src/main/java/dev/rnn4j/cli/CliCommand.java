package dev.rnn4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * One {@code rnn4j} command: a subclass names itself and its {@code @Option} fields, typed and checked on
 * parsing (see {@link OptionTypes}), so {@link #call} only runs valid requests. Return 0 when done. A check
 * across options throws {@code new ParameterException(spec.commandLine(), "...")} (a usage error, exit 2);
 * anything else thrown is an internal failure, one line and exit 1 (see Failures). picocli reads the
 * {@code @Command} attributes and the help option below into every subclass.
 */
@Command(showDefaultValues = true,
        exitCodeListHeading = CliCommand.EXIT_STATUS_HEADING,
        exitCodeList = {CliCommand.EXIT_DONE, CliCommand.EXIT_FAILURE, CliCommand.EXIT_USAGE})
abstract class CliCommand implements Callable<Integer> {

    static final String EXIT_STATUS_HEADING = "%nExit status:%n";
    static final String EXIT_DONE = "0:done";
    static final String EXIT_FAILURE = "1:an internal failure (RNN4J_DEBUG=1 prints its stack trace)";
    static final String EXIT_USAGE = "2:a usage error (unknown command or option, bad value)";

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @ParentCommand
    private RootCommand root;

    /** Where results go: standard output, or the test's stream. */
    protected PrintStream out() {
        return root.out;
    }
}
