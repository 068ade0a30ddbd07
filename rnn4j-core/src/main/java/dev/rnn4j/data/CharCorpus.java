package dev.rnn4j.data;

import dev.rnn4j.LongTensor;

import java.util.ArrayList;
import java.util.List;

/**
 * A text as character ids for a language model, split into a training part and a held-out last part. Training
 * batches are windows of the training part at given starts; validation covers the whole held-out part in
 * non-overlapping windows, always the same ones.
 */
public final class CharCorpus {

    /** Inputs and the characters that follow them, both (seqLen, batch): time-major, as the recurrent modules take. */
    public record Batch(LongTensor inputs, LongTensor targets) {
        public int predictions() {
            return targets.numel();
        }
    }

    private final CharVocabulary vocabulary;
    private final int[] ids;
    private final int trainLength;

    /**
     * @param heldOut the fraction of the text, at its end, kept for validation (0 ≤ heldOut &lt; 1)
     */
    public CharCorpus(String text, double heldOut) {
        this(text, CharVocabulary.of(text), heldOut);
    }

    /** The text with a given vocabulary (a checkpoint's); every character of the text must be in it. */
    public CharCorpus(String text, CharVocabulary vocabulary, double heldOut) {
        if (!(heldOut >= 0 && heldOut < 1)) {
            throw new IllegalArgumentException("the held-out fraction must be in [0, 1), got " + heldOut);
        }
        this.vocabulary = vocabulary;
        this.ids = vocabulary.encode(text);
        this.trainLength = ids.length - (int) Math.floor(ids.length * heldOut);
    }

    public CharVocabulary vocabulary() {
        return vocabulary;
    }

    /** Characters in the training part. */
    public int trainLength() {
        return trainLength;
    }

    /** Characters in the held-out part. */
    public int validationLength() {
        return ids.length - trainLength;
    }

    /**
     * How many window starts a training batch can draw from: a window of {@code seqLen} inputs needs one more
     * character for its last target. Fails with a clear message when the training text is too short.
     */
    public int trainStarts(int seqLen) {
        int starts = trainLength - seqLen;
        if (starts < 1) {
            throw new IllegalArgumentException("the training text has " + trainLength + " characters, too few for "
                    + "one window of " + seqLen + " characters and its next character");
        }
        return starts;
    }

    /** The training windows that begin at {@code starts} (each in [0, trainStarts(seqLen))), one per batch column. */
    public Batch trainBatch(long[] starts, int seqLen) {
        int limit = trainStarts(seqLen);
        for (long s : starts) {
            if (s < 0 || s >= limit) {
                throw new IllegalArgumentException("window start " + s + " is outside [0, " + limit + ")");
            }
        }
        return batch(starts, seqLen);
    }

    /**
     * The held-out part in non-overlapping windows of {@code seqLen} (the last window may be shorter, so every
     * held-out character but the first is predicted once), {@code batch} windows of equal length per batch.
     */
    public List<Batch> validationBatches(int seqLen, int batch) {
        if (validationLength() < 2) {
            throw new IllegalArgumentException("the held-out text has " + validationLength() + " characters, too few "
                    + "to predict one");
        }
        List<Batch> out = new ArrayList<>();
        int predicted = validationLength() - 1;
        int whole = predicted / seqLen;
        for (int w = 0; w < whole; w += batch) {
            int n = Math.min(batch, whole - w);
            long[] starts = new long[n];
            for (int b = 0; b < n; b++) {
                starts[b] = trainLength + (long) (w + b) * seqLen;
            }
            out.add(batch(starts, seqLen));
        }
        int rest = predicted - whole * seqLen;
        if (rest > 0) {
            out.add(batch(new long[]{trainLength + (long) whole * seqLen}, rest));
        }
        return out;
    }

    private Batch batch(long[] starts, int seqLen) {
        int n = starts.length;
        long[] x = new long[seqLen * n];
        long[] y = new long[seqLen * n];
        for (int b = 0; b < n; b++) {
            for (int t = 0; t < seqLen; t++) {
                int at = (int) starts[b] + t;
                x[t * n + b] = ids[at];
                y[t * n + b] = ids[at + 1];
            }
        }
        return new Batch(LongTensor.of(x, new int[]{seqLen, n}), LongTensor.of(y, new int[]{seqLen, n}));
    }
}
