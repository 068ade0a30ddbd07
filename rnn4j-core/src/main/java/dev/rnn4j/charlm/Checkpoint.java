package dev.rnn4j.charlm;

import dev.rnn4j.LongTensor;
import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.data.CharCorpus;
import dev.rnn4j.data.CharVocabulary;
import dev.rnn4j.io.FormatException;
import dev.rnn4j.io.SafeTensors;
import dev.rnn4j.random.Generator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A training run's checkpoint in a directory: {@code DIR/ckpt-<step>/} holds {@code model.safetensors} (the weights
 * under PyTorch's state-dict names, the model configuration and vocabulary in its metadata), {@code trainer.pt}
 * (step, settings, Adam's state and the generator's state, in torch.save's format) and {@code config.json}; the
 * file {@code DIR/latest} names the current one. A checkpoint is written whole into a temporary directory, then
 * renamed, then named in {@code latest} by another rename, so a crash or a full disk at any point leaves the
 * previous checkpoint current and complete.
 */
public final class Checkpoint {
    static final String LATEST = "latest";
    static final String MODEL = "model.safetensors";
    static final String TRAINER = "trainer.pt";
    static final String CONFIG = "config.json";

    /** What a checkpoint restores: the model with its weights, its vocabulary, and the trainer's saved state. */
    public record Loaded(CharModel model, CharVocabulary vocabulary, Trainer.Settings settings, long step,
                         Map<String, Object> optimizerState, Generator.State generator, Map<String, Object> run) {
    }

    private Checkpoint() {
    }

    /**
     * Writes the trainer's state after its last step as the directory's current checkpoint, with {@code run}: what
     * the caller needs to carry on (its own settings, elapsed time; numbers and strings), kept as it is given.
     */
    public static Path save(Path dir, Trainer trainer, Map<String, Object> run) throws IOException {
        Files.createDirectories(dir);
        String name = "ckpt-" + trainer.step();
        Path tmp = dir.resolve("." + name + ".tmp");
        deleteTree(tmp);
        Files.createDirectory(tmp);
        try {
            CharModel model = trainer.model();
            Map<String, String> meta = new LinkedHashMap<>(model.config().toStrings());
            meta.put("vocab", codePoints(trainer.corpus().vocabulary()));
            SafeTensors.save(model.stateDict(), tmp.resolve(MODEL), meta);
            Map<String, Object> state = trainerState(trainer);
            state.put("run", run);
            Torch.save(state, tmp.resolve(TRAINER));
            Files.writeString(tmp.resolve(CONFIG), configJson(trainer, meta), StandardCharsets.UTF_8);
            Path target = dir.resolve(name);
            deleteTree(target);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            Path pointer = dir.resolve("." + LATEST + ".tmp");
            Files.writeString(pointer, name + "\n", StandardCharsets.UTF_8);
            Files.move(pointer, dir.resolve(LATEST), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            removeOthers(dir, name);
            return target;
        } catch (IOException | RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
    }

    /** Whether {@code dir} holds a checkpoint. */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(LATEST));
    }

    /** Loads the directory's current checkpoint; any missing, truncated or inconsistent part is named. */
    public static Loaded load(Path dir) throws IOException {
        Path ckpt = current(dir);
        SafeTensors.Contents weights = SafeTensors.load(ckpt.resolve(MODEL));
        CharModel.Config config;
        CharVocabulary vocabulary;
        try {
            config = CharModel.Config.fromStrings(weights.metadata());
            vocabulary = CharVocabulary.ofCodePoints(parseCodePoints(weights.metadata().get("vocab")));
        } catch (IllegalArgumentException e) {
            throw new FormatException(ckpt.resolve(MODEL) + ": " + e.getMessage());
        }
        if (vocabulary.size() != config.vocabSize()) {
            throw new FormatException(ckpt.resolve(MODEL) + ": the vocabulary has " + vocabulary.size()
                    + " characters, the configuration says " + config.vocabSize());
        }
        Map<String, Object> state = asMap(Torch.load(ckpt.resolve(TRAINER)), ckpt.resolve(TRAINER));
        CharModel model = new CharModel(config);
        model.loadStateDict(tensors(weights.tensors(), ckpt.resolve(MODEL)));
        try {
            Map<String, Object> s = asMap(state.get("settings"), ckpt.resolve(TRAINER));
            Trainer.Settings settings = new Trainer.Settings(intOf(s.get("seq_len")), intOf(s.get("batch")),
                    doubleOf(s.get("lr")), doubleOf(s.get("clip")));
            return new Loaded(model, vocabulary, settings, longOf(state.get("step")),
                    asMap(state.get("optimizer"), ckpt.resolve(TRAINER)), generator(asMap(state.get("rng"),
                    ckpt.resolve(TRAINER))), asMap(state.get("run"), ckpt.resolve(TRAINER)));
        } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw new FormatException(ckpt.resolve(TRAINER) + ": not a trainer state rnn4j wrote (" + e.getMessage()
                    + ")");
        }
    }

    /** A trainer that continues the loaded run exactly: its weights, Adam's state, the generator and the step. */
    public static Trainer resume(Loaded loaded, CharCorpus corpus) {
        if (!Arrays.equals(loaded.vocabulary().codePoints(), corpus.vocabulary().codePoints())) {
            throw new IllegalArgumentException("the text's characters differ from the checkpoint's vocabulary");
        }
        Trainer t = new Trainer(loaded.model(), corpus, loaded.settings(), 0);
        t.restore(loaded.step(), loaded.optimizerState());
        Generator.defaultGenerator().setState(loaded.generator());
        return t;
    }

    /** The checkpoint directory {@code latest} names. */
    static Path current(Path dir) throws IOException {
        String name;
        try {
            name = Files.readString(dir.resolve(LATEST), StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(dir.toString(), null, "no checkpoint here (no '" + LATEST + "' file)");
        }
        if (!name.matches("ckpt-[0-9]+") || !Files.isDirectory(dir.resolve(name))) {
            throw new FormatException(dir.resolve(LATEST) + ": names '" + name + "', which is not a checkpoint here");
        }
        return dir.resolve(name);
    }

    private static Map<String, Object> trainerState(Trainer t) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("step", t.step());
        Trainer.Settings st = t.settings();
        s.put("settings", Map.of("seq_len", (long) st.seqLen(), "batch", (long) st.batch(), "lr", st.lr(),
                "clip", st.clip()));
        s.put("optimizer", t.optimizerState());
        Generator.State g = Generator.defaultGenerator().getState();
        Map<String, Object> rng = new LinkedHashMap<>();
        rng.put("seed", g.seed());
        long[] mt = Arrays.stream(g.mt()).asLongStream().toArray();
        rng.put("mt", LongTensor.of(mt, new int[]{mt.length}));
        rng.put("left", (long) g.left());
        rng.put("next", (long) g.next());
        rng.put("next_float_normal", g.nextFloatNormal() == null ? null : g.nextFloatNormal().doubleValue());
        rng.put("next_double_normal", g.nextDoubleNormal());
        s.put("rng", rng);
        return s;
    }

    private static Generator.State generator(Map<String, Object> rng) {
        long[] mt = ((LongTensor) rng.get("mt")).toLongArray();
        int[] words = new int[mt.length];
        for (int i = 0; i < mt.length; i++) {
            words[i] = (int) mt[i];
        }
        Object f = rng.get("next_float_normal");
        return new Generator.State(longOf(rng.get("seed")), words, intOf(rng.get("left")), intOf(rng.get("next")),
                f == null ? null : (float) doubleOf(f), (Double) rng.get("next_double_normal"));
    }

    private static String configJson(Trainer t, Map<String, String> modelMeta) {
        Trainer.Settings s = t.settings();
        StringBuilder b = new StringBuilder("{\n");
        modelMeta.forEach((k, v) -> {
            if (!k.equals("vocab")) {
                b.append("  \"").append(k).append("\": ").append(k.equals("model") ? "\"" + v + "\"" : v).append(",\n");
            }
        });
        b.append("  \"seq_len\": ").append(s.seqLen()).append(",\n  \"batch\": ").append(s.batch())
                .append(",\n  \"lr\": ").append(s.lr()).append(",\n  \"clip\": ").append(s.clip())
                .append(",\n  \"step\": ").append(t.step()).append("\n}\n");
        return b.toString();
    }

    private static String codePoints(CharVocabulary v) {
        StringBuilder b = new StringBuilder();
        for (int cp : v.codePoints()) {
            b.append(b.length() == 0 ? "" : ",").append(cp);
        }
        return b.toString();
    }

    private static int[] parseCodePoints(String s) {
        if (s == null || s.isEmpty()) {
            throw new IllegalArgumentException("model configuration lacks 'vocab'");
        }
        try {
            return Arrays.stream(s.split(",")).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("model configuration has a bad 'vocab'");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o, Path file) throws FormatException {
        if (!(o instanceof Map<?, ?>)) {
            throw new FormatException(file + ": not a trainer state rnn4j wrote");
        }
        return (Map<String, Object>) o;
    }

    private static Map<String, Tensor> tensors(Map<String, Object> loaded, Path file) throws FormatException {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (var e : loaded.entrySet()) {
            if (!(e.getValue() instanceof Tensor t)) {
                throw new FormatException(file + ": '" + e.getKey() + "' is not a float tensor");
            }
            out.put(e.getKey(), t);
        }
        return out;
    }

    private static long longOf(Object o) {
        return ((Number) o).longValue();
    }

    private static int intOf(Object o) {
        return Math.toIntExact(longOf(o));
    }

    private static double doubleOf(Object o) {
        return ((Number) o).doubleValue();
    }

    private static void removeOthers(Path dir, String keep) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "ckpt-*")) {
            for (Path p : s) {
                if (!p.getFileName().toString().equals(keep)) {
                    deleteTree(p);
                }
            }
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            List<Path> all = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path q : all) {
                Files.deleteIfExists(q);
            }
        }
    }
}
