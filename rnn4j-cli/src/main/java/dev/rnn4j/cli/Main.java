package dev.rnn4j.cli;

import dev.rnn4j.examples.SeedNotebook;
import dev.rnn4j.examples.SequenceClassifier;

import java.io.PrintStream;
import java.util.Arrays;

/** The {@code rnn4j} command: {@code rnn4j COMMAND [OPTIONS]}. */
public final class Main {

    private static final String USAGE = """
            usage: rnn4j COMMAND [OPTIONS]

            commands:
              seed [--seed N]   run the seed notebook (RNNCell by hand, then a 2-layer RNN);
                                with --seed, each part is seeded as notebook_with_seed.py does
              classify [--epochs N]
                                train a GRU to tell three made-up languages apart from
                                words of different lengths (packed sequences; examples/)
              help              show this text
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command; returns the process exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(USAGE);
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (args[0]) {
                case "seed" -> SeedNotebook.run(out, new Options(rest, "--seed").longValue("--seed"));
                case "classify" -> {
                    Long epochs = new Options(rest, "--epochs").longValue("--epochs");
                    SequenceClassifier.run(out, epochs == null ? 15 : Math.toIntExact(epochs));
                }
                case "help", "--help", "-h" -> out.print(USAGE);
                default -> {
                    err.println("rnn4j: unknown command '" + args[0] + "'");
                    err.print(USAGE);
                    return 2;
                }
            }
            out.flush();
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("rnn4j " + args[0] + ": " + e.getMessage());
            return 2;
        }
    }
}
