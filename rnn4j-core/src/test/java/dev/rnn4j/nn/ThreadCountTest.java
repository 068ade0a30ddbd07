package dev.rnn4j.nn;

import dev.rnn4j.Torch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Results do not depend on the thread count: the same bits with 1, 2 and 3 threads, forward and backward. The
 * layers are big enough that the GEMMs, the gate loops and the split of a run's sequences over threads all cut
 * their work; 3 threads cut the batch unevenly, and packed sequences leave some threads rows that end early.
 */
class ThreadCountTest {

    private static List<float[]> run(int threads, Supplier<List<float[]>> body) {
        int before = Torch.getNumThreads();
        Torch.setNumThreads(threads);
        try {
            return body.get();
        } finally {
            Torch.setNumThreads(before);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "projectedLstm", "packedGru", "elman", "inference", "stackedInference", "wideLstm"})
    void oneTwoAndThreeThreadsGiveTheSameBits(String model) {
        Supplier<List<float[]>> body = LayerWorkloads.named(model);
        List<float[]> one = run(1, body);
        for (int threads : new int[]{2, 3}) {
            List<float[]> many = run(threads, body);
            assertEquals(one.size(), many.size());
            for (int i = 0; i < one.size(); i++) {
                assertArrayEquals(one.get(i), many.get(i), model + ", " + threads + " threads, tensor " + i);
            }
        }
    }
}
