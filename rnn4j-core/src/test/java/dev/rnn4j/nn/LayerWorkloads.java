package dev.rnn4j.nn;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.nn.rnn.PackedSequence;
import dev.rnn4j.nn.rnn.Packing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Recurrent layer runs that exercise every path of the fused layers (two layers in both directions, a projection
 * with given states, packed sequences of many lengths, GRU's direct path, ReLU, no grad), each returning its outputs
 * and gradients, for tests that compare the bits of two runs. Big enough that every buffer is worth pooling and
 * every loop splits over threads.
 */
public final class LayerWorkloads {
    public static final List<String> NAMES = List.of("lstm", "projectedLstm", "packedGru", "elman", "inference",
            "stackedInference", "wideLstm");

    private LayerWorkloads() {
    }

    public static Supplier<List<float[]>> named(String name) {
        return switch (name) {
            case "lstm" -> LayerWorkloads::lstm;
            case "projectedLstm" -> LayerWorkloads::projectedLstm;
            case "packedGru" -> LayerWorkloads::packedGru;
            case "elman" -> LayerWorkloads::elman;
            case "inference" -> LayerWorkloads::inference;
            case "stackedInference" -> LayerWorkloads::stackedInference;
            case "wideLstm" -> LayerWorkloads::wideLstm;
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static List<float[]> lstm() {
        Torch.manualSeed(11);
        LSTM lstm = LSTM.builder(64, 128).numLayers(2).bidirectional(true).build();
        Tensor x = Torch.randn(5, 64, 64).requiresGrad(true);
        LSTM.Output r = lstm.forward(x);
        r.output().mul(Torch.randn(5, 64, 256)).sum().add(r.cell().sum()).backward();
        return values(lstm, r.output(), r.hidden(), x.grad());
    }

    private static List<float[]> projectedLstm() {
        Torch.manualSeed(12);
        LSTM lstm = LSTM.builder(32, 160).projSize(96).build();
        Tensor x = Torch.randn(4, 41, 32).requiresGrad(true);
        Tensor h0 = Torch.randn(1, 41, 96).requiresGrad(true);
        Tensor c0 = Torch.randn(1, 41, 160).requiresGrad(true);
        LSTM.Output r = lstm.forward(x, h0, c0);
        r.output().mul(Torch.randn(4, 41, 96)).sum().add(r.cell().mul(2f).sum()).backward();
        return values(lstm, r.output(), r.hidden(), r.cell(), x.grad(), h0.grad(), c0.grad());
    }

    /** GRU (its direct path from h_prev) over packed sequences of many lengths, in both directions. */
    private static List<float[]> packedGru() {
        Torch.manualSeed(13);
        GRU gru = GRU.builder(24, 192).bidirectional(true).build();
        int batch = 37;
        int[] lengths = new int[batch];
        for (int i = 0; i < batch; i++) {
            lengths[i] = 9 - i * 8 / batch;
        }
        Tensor x = Torch.randn(9, batch, 24).requiresGrad(true);
        PackedSequence packed = Packing.packPaddedSequence(x, lengths);
        SingleStateRNN.PackedOutput r = gru.forward(packed);
        Tensor out = r.output().data();
        out.mul(Torch.randn(out.shape().toArray())).sum().add(r.hidden().sum()).backward();
        return values(gru, out, r.hidden(), x.grad());
    }

    private static List<float[]> elman() {
        Torch.manualSeed(14);
        RNN rnn = RNN.builder(16, 384).nonlinearity("relu").build();
        Tensor x = Torch.randn(6, 19, 16).requiresGrad(true);
        SingleStateRNN.Output r = rnn.forward(x);
        r.output().mul(Torch.randn(6, 19, 384)).sum().backward();
        return values(rnn, r.output(), r.hidden(), x.grad());
    }

    /** Without grad a run keeps one step's state rows: the threads share those buffers by row. */
    private static List<float[]> inference() {
        Torch.manualSeed(15);
        LSTM lstm = LSTM.builder(48, 256).build();
        Tensor x = Torch.randn(7, 33, 48);
        try (var g = Torch.noGrad()) {
            LSTM.Output r = lstm.forward(x);
            return List.of(r.output().toFloatArray(), r.hidden().toFloatArray(), r.cell().toFloatArray());
        }
    }

    /** Without grad, three layers, bidirectional: the layers between read each other's outputs from pooled buffers. */
    private static List<float[]> stackedInference() {
        Torch.manualSeed(17);
        LSTM lstm = LSTM.builder(24, 80).numLayers(3).bidirectional(true).build();
        Tensor x = Torch.randn(6, 18, 24);
        GRU gru = GRU.builder(24, 72).numLayers(2).build();
        try (var g = Torch.noGrad()) {
            LSTM.Output r = lstm.forward(x);
            SingleStateRNN.Output q = gru.forward(x);
            return List.of(r.output().toFloatArray(), r.hidden().toFloatArray(), r.cell().toFloatArray(),
                    q.output().toFloatArray(), q.hidden().toFloatArray());
        }
    }

    /**
     * W_hh alone past 2^21 floats (9 MB), where a run splits each step's products and gate loops over threads
     * instead of its sequences, forward and backward.
     */
    private static List<float[]> wideLstm() {
        Torch.manualSeed(16);
        LSTM lstm = new LSTM(64, 768);
        Tensor x = Torch.randn(3, 21, 64).requiresGrad(true);
        LSTM.Output r = lstm.forward(x);
        r.output().mul(Torch.randn(3, 21, 768)).sum().add(r.cell().sum()).backward();
        return values(lstm, r.output(), r.hidden(), r.cell(), x.grad());
    }

    private static List<float[]> values(Module m, Tensor... tensors) {
        List<float[]> values = new ArrayList<>();
        for (Tensor t : tensors) {
            values.add(t.toFloatArray());
        }
        m.parameters().forEach(p -> values.add(p.grad().toFloatArray()));
        return values;
    }
}
