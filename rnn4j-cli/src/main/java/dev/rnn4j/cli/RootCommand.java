package dev.rnn4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * {@code rnn4j} itself. A new command is one class extending {@link CliCommand} and one entry in
 * {@code subcommands} below; its help, parsing and error reporting come from CliCommand, Main and Failures.
 */
@Command(name = "rnn4j",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "PyTorch's recurrent networks in pure Java.",
        synopsisSubcommandLabel = "COMMAND",
        exitCodeListHeading = CliCommand.EXIT_STATUS_HEADING,
        exitCodeList = {CliCommand.EXIT_DONE, CliCommand.EXIT_FAILURE, CliCommand.EXIT_USAGE},
        subcommands = {
                HelpCommand.class,
                SeedCommand.class,
                ClassifyCommand.class,
                TrainCommand.class,
                SampleCommand.class,
                ExportCommand.class,
                InspectCommand.class,
                ConvertCommand.class,
                BenchCommand.class,
        })
final class RootCommand implements Callable<Integer> {

    /** Where commands print their results; picocli's own writers wrap the same streams. */
    final PrintStream out;

    @Spec
    CommandSpec spec;

    RootCommand(PrintStream out) {
        this.out = out;
    }

    /** {@code rnn4j} alone: the usage, as an error, since nothing was asked. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return spec.exitCodeOnInvalidInput();
    }
}
