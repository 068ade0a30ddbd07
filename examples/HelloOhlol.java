package dev.rnn4j.examples;

import dev.rnn4j.LongTensor;
import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.nn.CrossEntropyLoss;
import dev.rnn4j.nn.Embedding;
import dev.rnn4j.nn.Linear;
import dev.rnn4j.nn.Module;
import dev.rnn4j.nn.RNN;
import dev.rnn4j.nn.RNNCell;
import dev.rnn4j.optim.Adam;
import dev.rnn4j.optim.Optimizer;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The lesson's next step: learn to turn "hello" into "ohlol", with an {@code RNNCell} stepped by hand, with an
 * {@code RNN} over the whole sequence, and with {@code Embedding} + a two-layer {@code RNN} + {@code Linear}.
 * Characters e, h, l, o are ids 0..3. With the same seed every epoch's loss is PyTorch's
 * ({@code tools/golden/hello_ohlol.py} is the same program), and each model ends predicting "ohlol".
 *
 * <p>Run: {@code main}, or {@code HelloOhlol.run(System.out)}.
 */
public final class HelloOhlol {
    static final long SEED = 2;
    static final int EPOCHS = 30;
    static final String CHARS = "ehlo";
    static final long[] X = ids("hello");
    static final long[] Y = ids("ohlol");

    /** One epoch of one model: its loss and the string it predicted. */
    public record Epoch(String model, int epoch, double loss, String predicted) {
    }

    private HelloOhlol() {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    /** Trains the three models, printing each epoch; returns the epochs in order. */
    public static List<Epoch> run(PrintStream out) {
        List<Epoch> all = new ArrayList<>();
        all.addAll(rnnCell());
        all.addAll(rnn());
        all.addAll(embedding());
        all.forEach(e -> out.printf("%s epoch %2d  loss %.4f  predicted %s%n", e.model(), e.epoch(), e.loss(),
                e.predicted()));
        return all;
    }

    /** An RNNCell(4, 4) whose hidden state is the logits, stepped by hand; the loss sums the steps'. */
    static List<Epoch> rnnCell() {
        Torch.manualSeed(SEED);
        RNNCell cell = new RNNCell(4, 4);
        Optimizer adam = Adam.builder(cell.parameters()).lr(0.1).build();
        CrossEntropyLoss lossFn = new CrossEntropyLoss();
        Tensor inputs = oneHot(X).view(5, 1, 4);
        List<Epoch> epochs = new ArrayList<>();
        for (int epoch = 1; epoch <= EPOCHS; epoch++) {
            Tensor hidden = Torch.zeros(1, 4);
            Tensor loss = null;
            List<Tensor> outs = new ArrayList<>();
            for (int t = 0; t < X.length; t++) {
                hidden = cell.forward(inputs.get(t), hidden);
                Tensor step = lossFn.forward(hidden, LongTensor.of(new long[]{Y[t]}, new int[]{1}));
                loss = loss == null ? step : loss.add(step);
                outs.add(hidden);
            }
            adam.zeroGrad();
            loss.backward();
            adam.step();
            epochs.add(new Epoch("rnn_cell", epoch, loss.item(), decode(Torch.cat(outs, 0))));
        }
        return epochs;
    }

    /** An RNN(4, 4) over the whole sequence; the loss is the mean over steps. */
    static List<Epoch> rnn() {
        Torch.manualSeed(SEED);
        RNN rnn = new RNN(4, 4);
        Optimizer adam = Adam.builder(rnn.parameters()).lr(0.05).build();
        CrossEntropyLoss lossFn = new CrossEntropyLoss();
        Tensor inputs = oneHot(X).view(5, 1, 4);
        List<Epoch> epochs = new ArrayList<>();
        for (int epoch = 1; epoch <= EPOCHS; epoch++) {
            Tensor logits = rnn.forward(inputs).output().view(-1, 4);
            Tensor loss = lossFn.forward(logits, LongTensor.of(Y, new int[]{5}));
            adam.zeroGrad();
            loss.backward();
            adam.step();
            epochs.add(new Epoch("rnn", epoch, loss.item(), decode(logits)));
        }
        return epochs;
    }

    /** Embedding(4, 10) → RNN(10, 8, 2 layers, batch-first) → Linear(8, 4), as a user module. */
    static final class EmbeddingModel extends Module {
        final Embedding emb = registerModule("emb", new Embedding(4, 10));
        final RNN rnn = registerModule("rnn", RNN.builder(10, 8).numLayers(2).batchFirst(true).build());
        final Linear fc = registerModule("fc", new Linear(8, 4));

        Tensor forward(LongTensor x) {
            return fc.forward(rnn.forward(emb.forward(x)).output()).view(-1, 4);
        }
    }

    static List<Epoch> embedding() {
        Torch.manualSeed(SEED);
        EmbeddingModel model = new EmbeddingModel();
        Optimizer adam = Adam.builder(model.parameters()).lr(0.05).build();
        CrossEntropyLoss lossFn = new CrossEntropyLoss();
        List<Epoch> epochs = new ArrayList<>();
        for (int epoch = 1; epoch <= EPOCHS; epoch++) {
            Tensor logits = model.forward(LongTensor.of(X, new int[]{1, 5}));
            Tensor loss = lossFn.forward(logits, LongTensor.of(Y, new int[]{5}));
            adam.zeroGrad();
            loss.backward();
            adam.step();
            epochs.add(new Epoch("embedding", epoch, loss.item(), decode(logits)));
        }
        return epochs;
    }

    /** Rows of the identity: one-hot vectors of the ids, (n, 4). */
    static Tensor oneHot(long[] ids) {
        float[] v = new float[ids.length * 4];
        for (int i = 0; i < ids.length; i++) {
            v[i * 4 + (int) ids[i]] = 1f;
        }
        return Torch.tensor(v, ids.length, 4);
    }

    static String decode(Tensor logits) {
        StringBuilder s = new StringBuilder();
        for (long id : logits.argmax(-1, false).toLongArray()) {
            s.append(CHARS.charAt((int) id));
        }
        return s.toString();
    }

    private static long[] ids(String text) {
        return text.chars().mapToLong(CHARS::indexOf).toArray();
    }
}
