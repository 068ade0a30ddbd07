package dev.rnn4j.cli;

import dev.rnn4j.examples.SequenceClassifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rnn4j classify [--epochs N]}: examples/SequenceClassifier.java. */
@Command(name = "classify",
        description = "Train a GRU to tell three made-up languages apart from words of different lengths "
                + "(packed sequences), printing the loss and test accuracy of each epoch.")
final class ClassifyCommand extends CliCommand {

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "15", converter = OptionTypes.Epochs.class,
            description = "Passes over the 480 training words, 1 to 100000.")
    private int epochs;

    @Override
    public Integer call() {
        SequenceClassifier.run(out(), epochs);
        return 0;
    }
}
