package dev.rnn4j.nn;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.nn.rnn.PackedSequence;
import dev.rnn4j.nn.rnn.Packing;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * A forward that no backward pass follows keeps only one step's state; its results must be those of the forward
 * that keeps every step, bit for bit, for each kind of cell, projection, direction, depth and variable lengths. It
 * also reads the weights and the input in their own arrays instead of copies, so it must leave them as they were.
 */
class NoGradForwardTest {

    private static void same(String what, List<Tensor> kept, List<Tensor> lean) {
        for (int i = 0; i < kept.size(); i++) {
            if (kept.get(i) != null) {
                assertArrayEquals(kept.get(i).toFloatArray(), lean.get(i).toFloatArray(), what + " result " + i);
            }
        }
    }

    private static List<Tensor> both(RNNBase m, Tensor x, java.util.function.Function<RNNBase, List<Tensor>> run,
                                     String what) {
        List<Tensor> kept = run.apply(m);
        List<float[]> before = new java.util.ArrayList<>();
        before.add(x.toFloatArray());
        m.parameters().forEach(p -> before.add(p.toFloatArray()));
        List<Tensor> lean;
        try (var g = Torch.noGrad()) {
            lean = run.apply(m);
        }
        same(what, kept, lean);
        List<float[]> after = new java.util.ArrayList<>();
        after.add(x.toFloatArray());
        m.parameters().forEach(p -> after.add(p.toFloatArray()));
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i), after.get(i), what + (i == 0 ? ": input" : ": parameter " + (i - 1)));
        }
        return kept;
    }

    @Test
    void everyKindOfLayer() {
        Torch.manualSeed(11);
        Tensor x = Torch.randn(7, 3, 5);
        int[] lengths = {7, 4, 2};
        for (boolean bidirectional : new boolean[] {false, true}) {
            LSTM lstm = LSTM.builder(5, 6).numLayers(2).projSize(4).bidirectional(bidirectional).build();
            LSTM plainLstm = LSTM.builder(5, 6).bidirectional(bidirectional).build();
            GRU gru = GRU.builder(5, 6).numLayers(2).bidirectional(bidirectional).build();
            RNN tanh = RNN.builder(5, 6).numLayers(2).bidirectional(bidirectional).build();
            RNN relu = RNN.builder(5, 6).nonlinearity("relu").bidirectional(bidirectional).build();
            String d = bidirectional ? "bidirectional " : "";
            for (LSTM m : new LSTM[] {lstm, plainLstm}) {
                both(m, x, r -> {
                    LSTM.Output o = ((LSTM) r).forward(x);
                    return List.of(o.output(), o.hidden(), o.cell());
                }, d + "LSTM");
                both(m, x, r -> {
                    LSTM.PackedOutput o = ((LSTM) r).forward(packed(x, lengths));
                    return List.of(o.output().data(), o.hidden(), o.cell());
                }, d + "packed LSTM");
            }
            for (SingleStateRNN m : new SingleStateRNN[] {gru, tanh, relu}) {
                both(m, x, r -> {
                    SingleStateRNN.Output o = ((SingleStateRNN) r).forward(x);
                    return List.of(o.output(), o.hidden());
                }, d + m);
                both(m, x, r -> {
                    SingleStateRNN.PackedOutput o = ((SingleStateRNN) r).forward(packed(x, lengths));
                    return List.of(o.output().data(), o.hidden());
                }, d + "packed " + m);
            }
        }
    }

    private static PackedSequence packed(Tensor x, int[] lengths) {
        return Packing.packPaddedSequence(x, lengths, false, true);
    }
}
