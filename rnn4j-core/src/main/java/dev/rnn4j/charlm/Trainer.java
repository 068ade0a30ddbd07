package dev.rnn4j.charlm;

import dev.rnn4j.LongTensor;
import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.data.CharCorpus;
import dev.rnn4j.nn.Functional;
import dev.rnn4j.optim.Adam;
import dev.rnn4j.optim.ClipGrad;
import dev.rnn4j.optim.Optimizer;
import dev.rnn4j.random.Generator;

import java.util.List;

/**
 * Trains a {@link CharModel} on a {@link CharCorpus} as {@code tools/bench/charlm_torch.py} does: each step draws
 * its windows' starts with {@code randint} from the default generator, takes the mean cross-entropy of every next
 * character, clips the gradient norm and takes an Adam step. Everything a step depends on (weights, Adam's state,
 * the generator, the step count) is in {@link Checkpoint}, so a resumed run continues exactly.
 */
public final class Trainer {

    /** How to train: window length, windows per batch, Adam's learning rate, the gradient-norm clip (0: none). */
    public record Settings(int seqLen, int batch, double lr, double clip) {
        public Settings {
            if (seqLen <= 0 || batch <= 0) {
                throw new IllegalArgumentException("seq-len and batch must be positive, got " + seqLen + " and " + batch);
            }
            if (!(lr > 0) || Double.isInfinite(lr)) {
                throw new IllegalArgumentException("lr must be a positive number, got " + lr);
            }
            if (!(clip >= 0) || Double.isInfinite(clip)) {
                throw new IllegalArgumentException("clip must be 0 (none) or a positive number, got " + clip);
            }
        }

        /** Characters predicted per step. */
        public long charsPerStep() {
            return (long) seqLen * batch;
        }
    }

    private final CharModel model;
    private final CharCorpus corpus;
    private final Settings settings;
    private final Optimizer optimizer;
    private long step;

    Trainer(CharModel model, CharCorpus corpus, Settings settings, long step) {
        corpus.trainStarts(settings.seqLen());   // fails now, clearly, if the text is too short
        if (corpus.vocabulary().size() != model.config().vocabSize()) {
            throw new IllegalArgumentException("the model has a vocabulary of " + model.config().vocabSize()
                    + " characters, the corpus " + corpus.vocabulary().size());
        }
        this.model = model;
        this.corpus = corpus;
        this.settings = settings;
        this.optimizer = Adam.builder(model.parameters()).lr(settings.lr()).build();
        this.step = step;
    }

    /** A new model from {@code seed} (the default generator is seeded, as torch.manual_seed), at step 0. */
    public static Trainer start(CharCorpus corpus, CharModel.Config config, Settings settings, long seed) {
        Torch.manualSeed(seed);
        return new Trainer(new CharModel(config), corpus, settings, 0);
    }

    public CharModel model() {
        return model;
    }

    public CharCorpus corpus() {
        return corpus;
    }

    public Settings settings() {
        return settings;
    }

    /** Steps taken so far. */
    public long step() {
        return step;
    }

    /**
     * A trainer at step 0 for a model that already exists (a replica whose weights the caller sets, on another
     * machine or thread); unlike {@link #start} it touches no generator.
     */
    public static Trainer of(CharModel model, CharCorpus corpus, Settings settings) {
        return new Trainer(model, corpus, settings, 0);
    }

    /** One training step; returns its mean loss in nats per character (the loss before the update). */
    public double trainStep() {
        long[] starts = drawStarts(Generator.defaultGenerator());
        optimizer.zeroGrad();
        double loss = backward(starts, 1);
        applyGradients();
        return loss;
    }

    /** The window starts of one batch, drawn from {@code generator} as {@link #trainStep} draws them. */
    public long[] drawStarts(Generator generator) {
        return Torch.randint(generator, 0, corpus.trainStarts(settings.seqLen()), settings.batch()).toLongArray();
    }

    /**
     * The first half of a step, for steps whose batch is split across machines: the mean cross-entropy of the
     * windows at {@code starts}, whose gradient times {@code scale} is added to every parameter's {@code grad}
     * (a shard of n of a batch's N windows takes scale n/N, so the shards' gradients sum to the whole batch's).
     *
     * @return the shard's mean loss in nats per character, unscaled
     */
    public double backward(long[] starts, double scale) {
        model.train();
        Tensor loss = loss(corpus.trainBatch(starts, settings.seqLen()));
        (scale == 1 ? loss : loss.mul((float) scale)).backward();
        return loss.item();
    }

    /** The second half of a step: clips the gradients in {@code grad}, takes the optimizer's step, counts it. */
    public void applyGradients() {
        if (settings.clip() > 0) {
            ClipGrad.clipGradNorm(model.parameters(), settings.clip());
        }
        optimizer.step();
        step++;
    }

    /** The optimizer's state (Adam's moments and step counts), as {@code optimizer.state_dict()}. */
    public java.util.Map<String, Object> optimizerState() {
        return optimizer.stateDict();
    }

    /** The loss over the whole held-out part, in nats per character; the model's mode is left as it was. */
    public double validationLoss() {
        boolean training = model.isTraining();
        model.eval();
        double total = 0;
        long count = 0;
        try (var g = Torch.noGrad()) {
            List<CharCorpus.Batch> batches = corpus.validationBatches(settings.seqLen(), settings.batch());
            for (CharCorpus.Batch b : batches) {
                total += loss(b).item() * (double) b.predictions();
                count += b.predictions();
            }
        } finally {
            model.train(training);
        }
        return total / count;
    }

    /** The mean cross-entropy of every next character of a batch. */
    private Tensor loss(CharCorpus.Batch b) {
        Tensor logits = model.forward(b.inputs());
        int vocab = model.config().vocabSize();
        LongTensor targets = LongTensor.of(b.targets().toLongArray(), new int[]{b.predictions()});
        return Functional.crossEntropy(logits.reshape(-1, vocab), targets);
    }

    /**
     * Continues at {@code step} with the optimizer state {@code optimizerState} (a {@link #optimizerState()}); the
     * weights are the model's. {@link Checkpoint#resume} also restores the generator.
     */
    public void restore(long step, java.util.Map<String, Object> optimizerState) {
        optimizer.loadStateDict(optimizerState);
        this.step = step;
    }
}
