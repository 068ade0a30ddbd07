package dev.rnn4j.nn;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Results do not depend on the thread count: the same bits with 1 and 2 threads, forward and backward. */
class ThreadCountTest {

    /** Big enough that both the GEMMs and the gate loops split their work over threads. */
    private static List<float[]> run(int threads) {
        int before = Torch.getNumThreads();
        Torch.setNumThreads(threads);
        try {
            Torch.manualSeed(11);
            LSTM lstm = LSTM.builder(64, 128).numLayers(2).bidirectional(true).build();
            Tensor x = Torch.randn(5, 64, 64).requiresGrad(true);
            LSTM.Output r = lstm.forward(x);
            r.output().mul(Torch.randn(5, 64, 256)).sum().add(r.cell().sum()).backward();
            List<float[]> values = new ArrayList<>();
            values.add(r.output().toFloatArray());
            values.add(r.hidden().toFloatArray());
            values.add(x.grad().toFloatArray());
            lstm.parameters().forEach(p -> values.add(p.grad().toFloatArray()));
            return values;
        } finally {
            Torch.setNumThreads(before);
        }
    }

    @Test
    void oneAndTwoThreadsGiveTheSameBits() {
        List<float[]> one = run(1);
        List<float[]> two = run(2);
        for (int i = 0; i < one.size(); i++) {
            assertArrayEquals(one.get(i), two.get(i), "tensor " + i);
        }
    }
}
