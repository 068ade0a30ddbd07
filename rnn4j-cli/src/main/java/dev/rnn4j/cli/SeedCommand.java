package dev.rnn4j.cli;

import dev.rnn4j.examples.SeedNotebook;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rnn4j seed [--seed N]}: the seed notebook, examples/SeedNotebook.java. */
@Command(name = "seed",
        description = {
                "Run the seed notebook: an RNNCell stepped by hand over a (3, 1, 4) input, then a two-layer RNN over "
                        + "the whole sequence.",
                "With --seed N it prints, character for character, what notebook_with_seed.py N prints under PyTorch."})
final class SeedCommand extends CliCommand {

    // Any Java long, as before; a negative seed stands for its 64-bit two's complement, as in torch.manual_seed.
    @Option(names = "--seed", paramLabel = "N", converter = OptionTypes.Seed.class,
            description = "Seed each part with manualSeed(N): an integer from -2^63 to 2^63-1. "
                    + "Without it the notebook runs unseeded, as the original does.")
    private Long seed;

    @Override
    public Integer call() {
        SeedNotebook.run(out(), seed);
        return 0;
    }
}
