package dev.rnn4j.cli;

import dev.rnn4j.io.Convert;
import dev.rnn4j.io.FormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;

/** {@code rnn4j convert IN OUT}: between .pt and .safetensors, by the files' extensions. */
@Command(name = "convert", description = "Convert the tensors of a .pt file to .safetensors or back (the format "
        + "comes from each file's extension; nested dicts become dotted keys). OUT is written atomically.")
final class ConvertCommand extends CliCommand {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", converter = OptionTypes.ExistingPath.class, description = "The file to read.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "The file to write.")
    Path out;

    @Override
    public Integer call() throws IOException {
        try {
            out().println(Convert.convert(in, out));
        } catch (FormatException | IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return 0;
    }
}
