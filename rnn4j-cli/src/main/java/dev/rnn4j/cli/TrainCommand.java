package dev.rnn4j.cli;

import dev.rnn4j.Torch;
import dev.rnn4j.internal.kernel.Kernels;
import dev.rnn4j.charlm.CharModel;
import dev.rnn4j.charlm.Checkpoint;
import dev.rnn4j.charlm.Sampler;
import dev.rnn4j.charlm.Trainer;
import dev.rnn4j.cli.train.Progress;
import dev.rnn4j.cli.train.TrainRun;
import dev.rnn4j.data.CharCorpus;
import dev.rnn4j.random.Generator;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code rnn4j train}: a character-level language model, trained, checkpointed, and sampled at the end. */
@Command(name = "train",
        description = {"Train a character-level language model (Embedding, RNN/LSTM/GRU, Linear; Adam) on a text, "
                + "holding out its last 10%% for validation.",
                "Without --data it learns the library's own Java sources, packed into the jar. DIR gets checkpoints "
                        + "(ckpt-STEP/ with model.safetensors, trainer.pt, config.json; 'latest' names the current "
                        + "one), metrics.csv and loss.png. Ctrl-C finishes the step, writes a checkpoint and exits "
                        + "130; --resume DIR continues exactly where the run stopped."})
final class TrainCommand extends CliCommand {
    static final double HELD_OUT = 0.1;
    static final int EXIT_INTERRUPTED = 130;

    enum Kind { rnn, lstm, gru }

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE", converter = OptionTypes.ExistingPath.class,
            description = "A UTF-8 text to learn (default: the built-in corpus).")
    Path data;

    @Option(names = "--model", paramLabel = "KIND", defaultValue = "lstm", description = "rnn, lstm or gru.")
    Kind model;

    @Option(names = "--embed", paramLabel = "N", defaultValue = "64", converter = OptionTypes.Size.class, description = "Embedding size.")
    int embed;

    @Option(names = "--hidden", paramLabel = "N", defaultValue = "256", converter = OptionTypes.Size.class, description = "Hidden size.")
    int hidden;

    @Option(names = "--layers", paramLabel = "N", defaultValue = "1", converter = OptionTypes.Size.class, description = "Recurrent layers.")
    int layers;

    @Option(names = "--dropout", paramLabel = "P", defaultValue = "0", converter = OptionTypes.Dropout.class,
            description = "Dropout between recurrent layers, in [0, 1).")
    double dropout;

    @Option(names = "--seq-len", paramLabel = "N", defaultValue = "64", converter = OptionTypes.Size.class,
            description = "Characters per training window.")
    int seqLen;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "32", converter = OptionTypes.Size.class, description = "Windows per step.")
    int batch;

    @Option(names = "--lr", paramLabel = "LR", defaultValue = "2e-3", converter = OptionTypes.PositiveNumber.class,
            description = "Adam's learning rate.")
    double lr;

    @Option(names = "--clip", paramLabel = "NORM", defaultValue = "5", converter = OptionTypes.NonNegativeNumber.class,
            description = "Clip the gradient's norm to this (0: no clipping).")
    double clip;

    @ArgGroup(exclusive = true)
    Length length;

    static final class Length {
        @Option(names = "--steps", paramLabel = "N", converter = OptionTypes.PositiveInt.class,
                description = "Training steps (default 3000).")
        Integer steps;

        @Option(names = "--epochs", paramLabel = "N", converter = OptionTypes.Epochs.class,
                description = "Passes over the training text: N × (training characters ÷ seq-len·batch) steps.")
        Integer epochs;
    }

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", converter = OptionTypes.Seed.class,
            description = "Seeds the weights, the batches and the dropout, as torch.manual_seed.")
    long seed;

    @Option(names = "--threads", paramLabel = "N", converter = OptionTypes.Threads.class,
            description = "Threads (default: every core).")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/train", description = "Where the run goes.")
    Path out;

    @Option(names = "--eval-every", paramLabel = "N", defaultValue = "250", converter = OptionTypes.PositiveInt.class,
            description = "Measure the validation loss and checkpoint every N steps (and at the end).")
    int evalEvery;

    @Option(names = "--resume", paramLabel = "DIR", converter = OptionTypes.ExistingPath.class,
            description = "Continue the run in DIR with its own settings (only --threads may be given with it).")
    Path resume;

    @Option(names = "--sample-length", paramLabel = "N", defaultValue = "600", converter = OptionTypes.Count.class,
            description = "Characters to sample at the end.")
    int sampleLength;

    static final int DEFAULT_STEPS = 3000;

    @Override
    public Integer call() throws IOException {
        if (threads != null) {
            Torch.setNumThreads(threads);
        }
        // starts the vector kernels' warm-up now, beside reading the text and building the model
        Kernels.warmingUp();
        Started s = resume == null ? start() : resumeRun();
        AtomicBoolean stop = new AtomicBoolean();
        Progress progress = new Progress(out(), System.console() != null, s.target());
        TrainRun run = new TrainRun(s.trainer(), s.dir(), s.target(), (int) s.number("eval_every"), s.run(),
                progress, stop);
        TrainRun.End end;
        long t0 = System.nanoTime();
        long first = s.trainer().step();
        try (var interrupt = Interrupts.onCtrlC(() -> stop.set(true))) {
            end = run.run();
        } catch (IOException e) {
            throw new IOException("could not write to " + s.dir() + " (" + e + ")"
                    + (Checkpoint.exists(s.dir()) ? "; its last checkpoint is intact" : ""), e);
        }
        if (end == TrainRun.End.INTERRUPTED) {
            return EXIT_INTERRUPTED;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long steps = s.trainer().step() - first;
        out().printf(Locale.ROOT, "trained %d steps in %.1f s (%.0f chars/s); validation loss %.4f nats/char%n",
                steps, seconds, steps * s.trainer().settings().charsPerStep() / seconds, run.lastValidationLoss());
        out().println("checkpoint, metrics.csv and loss.png in " + s.dir());
        int sampleLength = (int) s.number("sample_length");
        if (sampleLength > 0) {
            Generator g = new Generator();
            g.manualSeed(s.number("seed"));
            out().println("--- sample ---");
            out().println(Sampler.sample(s.trainer().model(), s.trainer().corpus().vocabulary(), "", sampleLength,
                    0.8, g));
        }
        return 0;
    }

    /** A run, new or resumed: its trainer, its directory, and its settings as its checkpoints keep them. */
    private record Started(Trainer trainer, Path dir, Map<String, Object> run) {
        long number(String key) {
            return ((Number) run.get(key)).longValue();
        }

        long target() {
            return number("target_steps");
        }
    }

    private Started start() throws IOException {
        if (Checkpoint.exists(out)) {
            throw new ParameterException(spec.commandLine(), out + " already holds a training run: continue it with "
                    + "--resume " + out + ", or choose another --out");
        }
        String text = data == null ? TextFiles.builtIn() : TextFiles.read(spec, "--data", data);
        CharCorpus corpus = new CharCorpus(text, HELD_OUT);
        Trainer.Settings settings = new Trainer.Settings(seqLen, batch, lr, clip);
        checkLength(corpus);
        long target = length == null || length.steps == null && length.epochs == null ? DEFAULT_STEPS
                : length.steps != null ? length.steps
                : (long) length.epochs * ceilDiv(corpus.trainLength(), settings.charsPerStep());
        CharModel.Config config = new CharModel.Config(model.name(), corpus.vocabulary().size(), embed, hidden,
                layers, dropout);
        Files.createDirectories(out);
        Trainer trainer = Trainer.start(corpus, config, settings, seed);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("data", data == null ? "" : data.toAbsolutePath().toString());
        run.put("target_steps", target);
        run.put("eval_every", (long) evalEvery);
        run.put("seed", seed);
        run.put("sample_length", (long) sampleLength);
        out().printf(Locale.ROOT, "%s: %d characters (%d held out), %d distinct; %s, %d parameters; %d steps%n",
                data == null ? "built-in corpus (rnn4j's Java sources)" : data, corpus.trainLength()
                        + corpus.validationLength(), corpus.validationLength(), corpus.vocabulary().size(),
                trainer.model().config().kind(), trainer.model().parameters().stream().mapToLong(p -> p.numel()).sum(),
                target);
        return new Started(trainer, out, run);
    }

    private Started resumeRun() throws IOException {
        List<String> given = spec.commandLine().getParseResult().matchedOptions().stream()
                .map(o -> o.longestName()).filter(n -> !n.equals("--resume") && !n.equals("--threads")).toList();
        if (!given.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--resume continues a run with its own settings; "
                    + "drop " + String.join(", ", given));
        }
        Checkpoint.Loaded loaded = Checkpoint.load(resume);
        Map<String, Object> run = loaded.run();
        String dataPath = (String) run.get("data");
        String text = dataPath.isEmpty() ? TextFiles.builtIn() : TextFiles.read(spec, "the run's data", Path.of(dataPath));
        CharCorpus corpus = new CharCorpus(text, loaded.vocabulary(), HELD_OUT);
        Started s = new Started(Checkpoint.resume(loaded, corpus), resume, run);
        out().printf(Locale.ROOT, "resuming %s at step %d of %d%n", resume, s.trainer().step(), s.target());
        return s;
    }

    private void checkLength(CharCorpus corpus) {
        try {
            corpus.trainStarts(seqLen);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage() + " (--seq-len " + seqLen + ")");
        }
        if (corpus.validationLength() < 2) {
            throw new ParameterException(spec.commandLine(), "the text is too short to hold out 10% for validation");
        }
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
