package dev.rnn4j.cli;

import dev.rnn4j.io.FormatException;
import dev.rnn4j.io.Inspect;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;

/** {@code rnn4j inspect FILE}: what a .pt or safetensors file holds, without running anything in it. */
@Command(name = "inspect", description = "Show what a torch.save (.pt) or safetensors file holds: format, keys, "
        + "dtypes, shapes, sizes, metadata, and for .pt files the nested structure. Nothing in the file is executed.")
final class InspectCommand extends CliCommand {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", converter = OptionTypes.ExistingPath.class, description = "The file.")
    Path file;

    @Override
    public Integer call() throws IOException {
        try {
            out().print(Inspect.text(file));
        } catch (FormatException e) {
            throw new ParameterException(spec.commandLine(), file + ": " + e.getMessage());
        }
        return 0;
    }
}
