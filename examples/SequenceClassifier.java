package dev.rnn4j.examples;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.nn.GRU;
import dev.rnn4j.nn.Init;
import dev.rnn4j.nn.Module;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.nn.rnn.PackedSequence;
import dev.rnn4j.nn.rnn.Packing;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A GRU that tells which of three made-up "languages" wrote a word, trained on words of
 * different lengths through the packed path: the batch is packed with
 * {@code Packing.packSequence}, the GRU skips the padding, and {@code h_n} holds each word's
 * state after its own last letter.
 *
 * <p>Run: {@code ./rnn4j classify} (or {@code main} with an epoch count).
 */
public final class SequenceClassifier {

    static final int LETTERS = 6;
    static final int LANGUAGES = 3;

    /** The model: a GRU over one-hot letters, then a linear map from its last state to a score per language. */
    static final class Model extends Module {
        final GRU gru = registerModule("gru", new GRU(LETTERS, 16));
        final Parameter weight = registerParameter("weight", new Parameter(Torch.zeros(LANGUAGES, 16)));
        final Parameter bias = registerParameter("bias", new Parameter(Torch.zeros(LANGUAGES)));

        Model() {
            Init.uniform(weight, -0.25, 0.25);
            Init.uniform(bias, -0.25, 0.25);
        }

        /** words: each (length, LETTERS); returns scores (N, LANGUAGES). */
        Tensor forward(List<Tensor> words) {
            PackedSequence packed = Packing.packSequence(words, false);
            Tensor last = gru.forward(packed).hidden().get(0);          // (N, 16), in the words' order
            return Torch.addmm(bias, last, weight.t());
        }
    }

    /** A word and the language that wrote it. */
    record Word(Tensor letters, int language) {
    }

    private SequenceClassifier() {
    }

    public static void main(String[] args) {
        run(System.out, args.length > 0 ? Integer.parseInt(args[0]) : 15);
    }

    /** Trains for {@code epochs} passes and returns the final accuracy on words it never saw. */
    public static double run(PrintStream out, int epochs) {
        Torch.manualSeed(0);
        Random random = new Random(7);
        List<Word> train = words(random, 480);
        List<Word> test = words(random, 120);
        Model model = new Model();
        float learningRate = 1f;
        double accuracy = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            double lossSum = 0;
            for (int start = 0; start < train.size(); start += 16) {
                List<Word> batch = train.subList(start, Math.min(start + 16, train.size()));
                Tensor loss = crossEntropy(model.forward(letters(batch)), batch);
                model.zeroGrad();
                loss.backward();
                try (var noGrad = Torch.noGrad()) {
                    for (Parameter p : model.parameters()) {
                        p.addInPlace(p.grad(), -learningRate);
                    }
                }
                lossSum += loss.item() * batch.size();
            }
            accuracy = accuracy(model, test);
            out.printf("epoch %2d  loss %.4f  test accuracy %.1f%%%n", epoch, lossSum / train.size(), 100 * accuracy);
        }
        return accuracy;
    }

    /** mean over the batch of log Σ exp(score) − score[language]. */
    static Tensor crossEntropy(Tensor scores, List<Word> batch) {
        float[] oneHot = new float[batch.size() * LANGUAGES];
        for (int i = 0; i < batch.size(); i++) {
            oneHot[i * LANGUAGES + batch.get(i).language()] = 1f;
        }
        Tensor picked = scores.mul(Torch.tensor(oneHot, batch.size(), LANGUAGES)).sum(1);
        return scores.exp().sum(1).log().sub(picked).mean();
    }

    static double accuracy(Model model, List<Word> words) {
        try (var noGrad = Torch.noGrad()) {
            Tensor scores = model.forward(letters(words));
            int right = 0;
            for (int i = 0; i < words.size(); i++) {
                int best = 0;
                for (int k = 1; k < LANGUAGES; k++) {
                    best = scores.getFloat(i, k) > scores.getFloat(i, best) ? k : best;
                }
                right += best == words.get(i).language() ? 1 : 0;
            }
            return right / (double) words.size();
        }
    }

    private static List<Tensor> letters(List<Word> words) {
        return words.stream().map(Word::letters).toList();
    }

    /**
     * Words of 3 to 10 letters. Language 0 steps through the alphabet, language 1 repeats
     * letters, language 2 picks letters at random; each keeps to its habit 3 times in 4.
     */
    static List<Word> words(Random random, int count) {
        List<Word> words = new ArrayList<>();
        for (int w = 0; w < count; w++) {
            int language = random.nextInt(LANGUAGES);
            int length = 3 + random.nextInt(8);
            float[] oneHot = new float[length * LETTERS];
            int letter = random.nextInt(LETTERS);
            for (int t = 0; t < length; t++) {
                oneHot[t * LETTERS + letter] = 1f;
                boolean habit = random.nextInt(4) != 0;
                letter = !habit || language == 2 ? random.nextInt(LETTERS)
                        : language == 0 ? (letter + 1) % LETTERS : letter;
            }
            words.add(new Word(Torch.tensor(oneHot, length, LETTERS), language));
        }
        return words;
    }
}
