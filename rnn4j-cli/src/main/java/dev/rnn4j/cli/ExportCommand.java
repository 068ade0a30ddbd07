package dev.rnn4j.cli;

import dev.rnn4j.charlm.Checkpoint;
import dev.rnn4j.onnx.Onnx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/** {@code rnn4j export}: a checkpoint of {@code rnn4j train} as an ONNX model. */
@Command(name = "export", description = "Write a checkpoint of rnn4j train as an ONNX model (opset 14): input ids "
        + "(L, N) int64 and h0 (and c0 for an LSTM), output logits (L, N, V) and the final states h_n (and c_n); the "
        + "vocabulary, in id order, is the model's metadata 'vocabulary'. FILE is written atomically.")
final class ExportCommand extends CliCommand {

    @Option(names = "--checkpoint", paramLabel = "DIR", required = true, converter = OptionTypes.ExistingPath.class,
            description = "A training run's directory (its current checkpoint is used).")
    Path checkpoint;

    @Option(names = "--onnx", paramLabel = "FILE", required = true, description = "The ONNX file to write.")
    Path onnx;

    @Override
    public Integer call() throws IOException {
        Checkpoint.Loaded loaded = Checkpoint.load(checkpoint);
        Onnx.export(loaded.model(), loaded.vocabulary(), onnx);
        out().println("step " + loaded.step() + " of " + checkpoint + " written to " + onnx);
        return 0;
    }
}
