package dev.rnn4j.internal.layer;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.internal.kernel.gemm.Gemm;
import dev.rnn4j.internal.kernel.gemm.PackedMatrix;
import dev.rnn4j.internal.kernel.gemm.ScalarGemm;
import dev.rnn4j.internal.storage.Storage;
import dev.rnn4j.nn.LSTM;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A packed weight is reused only while the weight, the GEMM and the arithmetic are what packed it. */
class PackedWeightsTest {

    @Test
    void reusedUntilTheWeightChanges() {
        Gemm gemm = new ScalarGemm();
        Tensor w = Torch.randn(12, 5);   // (n, k): op(B) = wᵀ is 5×12
        float[] values = Storage.read(w);
        PackedMatrix first = PackedWeights.transposed(gemm, w, values, 5, 12, true);
        assertSame(first, PackedWeights.transposed(gemm, w, values, 5, 12, true));
        assertNotSame(first, PackedWeights.transposed(gemm, w, values, 5, 12, false), "a run with a backward packs");
        assertNotSame(first, PackedWeights.transposed(new ScalarGemm(), w, values, 5, 12, true), "another GEMM");
        w.addInPlace(Torch.ones(12, 5));
        PackedMatrix after = PackedWeights.transposed(new ScalarGemm(), w, values, 5, 12, true);
        assertNotSame(first, after, "written in place: packed again");
        assertArrayEquals(gemm.pack(true, 5, 12, values, 0, 5).asRowMajor().data, after.asRowMajor().data);
    }

    /** A run with a backward packs into scratch buffers and hands them back: the next run's pack reuses them. */
    @Test
    void packsOfARunWithABackwardComeFromThePool() {
        Gemm gemm = new ScalarGemm();
        Tensor w = Torch.randn(640, 70);   // op(B) = wᵀ, 70×640: past the pool's smallest size
        float[] values = Storage.read(w);
        PackedMatrix first = PackedWeights.transposed(gemm, w, values, 70, 640, false);
        float[] buffer = first.data;
        PackedWeights.release(first);
        w.addInPlace(Torch.ones(640, 70));
        PackedMatrix second = PackedWeights.transposed(gemm, w, values, 70, 640, false);
        assertSame(buffer, second.data, "the released buffer");
        assertArrayEquals(gemm.pack(true, 70, 640, values, 0, 70).data, second.data, "every element packed anew");
        PackedWeights.release(second);
    }

    /** Inference after a weight is written in place computes with the new weight, as a fresh model does. */
    @Test
    void inferenceSeesAWeightWrittenInPlace() {
        Torch.manualSeed(3);
        LSTM lstm = LSTM.builder(24, 40).build();
        Tensor x = Torch.randn(7, 16, 24);
        float[] before;
        float[] after;
        try (var g = Torch.noGrad()) {
            before = lstm.forward(x).output().toFloatArray();
            lstm.forward(x);   // and again: the packed weights now come from the cache
            lstm.namedParameters().get("weight_hh_l0").copy_(Torch.randn(160, 40));
            after = lstm.forward(x).output().toFloatArray();
        }
        LSTM fresh = LSTM.builder(24, 40).build();
        Map<String, Tensor> state = lstm.stateDict();
        fresh.loadStateDict(state);
        float[] expected;
        try (var g = Torch.noGrad()) {
            expected = fresh.forward(x).output().toFloatArray();
        }
        assertArrayEquals(expected, after);
        assertFalse(java.util.Arrays.equals(before, after));
    }
}
