package dev.rnn4j.charlm;

import dev.rnn4j.LongTensor;
import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.data.CharVocabulary;
import dev.rnn4j.random.Generator;

/** Text from a {@link CharModel}: the prompt read in, then one character at a time drawn from softmax(logits / T). */
public final class Sampler {
    private Sampler() {
    }

    /**
     * @param prompt      the text to continue; every character must be in the vocabulary; empty starts from a newline
     *                    (or the vocabulary's first character when the text had none)
     * @param length      how many characters to draw after the prompt
     * @param temperature divides the logits: below 1 sharper, above 1 flatter; must be positive
     * @return the prompt followed by the drawn characters
     */
    public static String sample(CharModel model, CharVocabulary vocabulary, String prompt, int length,
                                double temperature, Generator generator) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a positive number, got " + temperature);
        }
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative, got " + length);
        }
        int[] start = prompt.isEmpty() ? new int[]{startId(vocabulary)} : vocabulary.encode(prompt);
        long[] drawn = new long[length];
        boolean training = model.isTraining();
        model.eval();
        try (var g = Torch.noGrad()) {
            CharModel.Output out = model.forward(column(start), null);
            for (int i = 0; i < length; i++) {
                Tensor last = out.logits().get(out.logits().size(0) - 1).get(0);   // (V)
                Tensor probs = last.div((float) temperature).softmax(0);
                drawn[i] = Torch.multinomial(generator, probs, 1, false).item();
                out = model.forward(column(new int[]{(int) drawn[i]}), out.state());
            }
        } finally {
            model.train(training);
        }
        return prompt + vocabulary.decode(drawn);
    }

    private static int startId(CharVocabulary vocabulary) {
        for (int cp : vocabulary.codePoints()) {
            if (cp == '\n') {
                return vocabulary.id('\n');
            }
        }
        return 0;
    }

    /** ids as a (T, 1) batch of one sequence. */
    private static LongTensor column(int[] ids) {
        long[] v = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            v[i] = ids[i];
        }
        return LongTensor.of(v, new int[]{ids.length, 1});
    }
}
