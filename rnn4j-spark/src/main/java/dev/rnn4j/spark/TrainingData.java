package dev.rnn4j.spark;

import dev.rnn4j.charlm.CharModel;
import dev.rnn4j.charlm.Trainer;
import dev.rnn4j.data.CharCorpus;
import dev.rnn4j.data.CharVocabulary;
import dev.rnn4j.random.Generator;

import java.io.Serializable;
import java.util.HashMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What an executor needs to rebuild the driver's trainer (the text, its vocabulary, the model configuration and
 * the settings), broadcast once per run, and this JVM's pool of replicas built from it: a task borrows one
 * (a {@link Trainer} over its own {@link CharModel}), sets its weights, uses it and gives it back, so tasks running
 * at once in one executor never share a model, and a model is built once per task slot, not once per step.
 */
final class TrainingData implements Serializable {
    private static final ConcurrentHashMap<String, ConcurrentLinkedQueue<Trainer>> POOLS = new ConcurrentHashMap<>();
    private static final Object BUILDING = new Object();

    private final String key = UUID.randomUUID().toString();
    private final String text;
    private final int[] vocabulary;
    private final double heldOut;
    private final HashMap<String, String> config;
    private final int seqLen;
    private final double lr;
    private final double clip;

    TrainingData(String text, CharVocabulary vocabulary, double heldOut, CharModel.Config config,
                 Trainer.Settings settings) {
        this.text = text;
        this.vocabulary = vocabulary.codePoints();
        this.heldOut = heldOut;
        this.config = new HashMap<>(config.toStrings());
        this.seqLen = settings.seqLen();
        this.lr = settings.lr();
        this.clip = settings.clip();
    }

    /** A replica whose batches hold {@code batch} windows; give it back with {@link #release}. */
    Trainer borrow(int batch) {
        Trainer t = pool(batch).poll();
        return t != null ? t : build(batch);
    }

    void release(Trainer replica) {
        pool(replica.settings().batch()).add(replica);
    }

    private ConcurrentLinkedQueue<Trainer> pool(int batch) {
        return POOLS.computeIfAbsent(key + "/" + batch, k -> new ConcurrentLinkedQueue<>());
    }

    /**
     * Building a model draws its initial weights from the JVM's default generator, which in local mode is the
     * driver's, whose stream must stay that of one machine: it is put back as it was (the weights are overwritten
     * before use anyway).
     */
    private Trainer build(int batch) {
        CharCorpus corpus = new CharCorpus(text, CharVocabulary.ofCodePoints(vocabulary), heldOut);
        CharModel model;
        synchronized (BUILDING) {
            Generator g = Generator.defaultGenerator();
            Generator.State before = g.getState();
            model = new CharModel(CharModel.Config.fromStrings(config));
            g.setState(before);
        }
        return Trainer.of(model, corpus, new Trainer.Settings(seqLen, batch, lr, clip));
    }

    /** Forgets this run's replicas in this JVM. */
    void forget() {
        POOLS.keySet().removeIf(k -> k.startsWith(key + "/"));
    }
}
