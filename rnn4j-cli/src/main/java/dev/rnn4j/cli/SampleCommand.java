package dev.rnn4j.cli;

import dev.rnn4j.charlm.Checkpoint;
import dev.rnn4j.charlm.Sampler;
import dev.rnn4j.random.Generator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;

/** {@code rnn4j sample}: text from a checkpoint of {@code rnn4j train}. */
@Command(name = "sample", description = "Generate text from a checkpoint written by rnn4j train.")
final class SampleCommand extends CliCommand {

    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", paramLabel = "DIR", required = true, converter = OptionTypes.ExistingPath.class,
            description = "A training run's directory (its current checkpoint is used).")
    Path checkpoint;

    @Option(names = "--prompt", paramLabel = "TEXT", defaultValue = "",
            description = "Text to continue; every character must occur in the training text.")
    String prompt;

    @Option(names = "--length", paramLabel = "N", defaultValue = "500", converter = OptionTypes.Count.class,
            description = "Characters to generate.")
    int length;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "0.8", converter = OptionTypes.PositiveNumber.class,
            description = "Below 1 more likely characters, above 1 more varied.")
    double temperature;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", converter = OptionTypes.Seed.class,
            description = "Seeds the draws.")
    long seed;

    @Override
    public Integer call() throws IOException {
        Checkpoint.Loaded loaded = Checkpoint.load(checkpoint);
        for (int cp : prompt.codePoints().toArray()) {
            try {
                loaded.vocabulary().id(cp);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--prompt: " + e.getMessage());
            }
        }
        Generator g = new Generator();
        g.manualSeed(seed);
        out().println(Sampler.sample(loaded.model(), loaded.vocabulary(), prompt, length, temperature, g));
        return 0;
    }
}
