package dev.rnn4j.internal.layer;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.nn.GRU;
import dev.rnn4j.nn.LSTM;
import dev.rnn4j.nn.LayerWorkloads;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The layers write every pooled element before they read it, and a buffer is reused only once it is given back. */
class ScratchPoolTest {

    @Test
    void buffersFullOfNanChangeNoResult() {
        for (String name : LayerWorkloads.NAMES) {
            List<float[]> clean = LayerWorkloads.named(name).get();
            ScratchPool.poison = true;
            List<float[]> poisoned;
            try {
                LayerWorkloads.named(name).get(); // once more, so that reused buffers are poisoned too
                poisoned = LayerWorkloads.named(name).get();
            } finally {
                ScratchPool.poison = false;
            }
            assertEquals(clean.size(), poisoned.size());
            for (int i = 0; i < clean.size(); i++) {
                assertArrayEquals(clean.get(i), poisoned.get(i), name + ", tensor " + i);
            }
        }
    }

    /** With retain_graph a run keeps its buffers: a second backward, after another run took buffers, sums again. */
    @Test
    void aRetainedGraphKeepsItsBuffers() {
        Torch.manualSeed(21);
        LSTM lstm = LSTM.builder(32, 96).build();
        Tensor x = Torch.randn(6, 24, 32).requiresGrad(true);
        Tensor out = lstm.forward(x).output();
        Tensor loss = out.mul(out).sum();
        loss.backward(Torch.ones(), true);
        float[] once = x.grad().toFloatArray();
        // meanwhile another run of the same shapes takes buffers (its own if the first run had given its back)
        lstm.forward(Torch.randn(6, 24, 32).requiresGrad(true)).output().sum().backward();
        loss.backward(Torch.ones(), false);
        float[] twice = x.grad().toFloatArray();
        for (int i = 0; i < once.length; i++) {
            assertEquals(2 * once[i], twice[i], "grad x at " + i);
        }
    }

    @Test
    void aBufferComesBackOnlyAfterItWasGiven() {
        int n = 3 << 20;   // a size no layer in this JVM asks for
        float[] a = ScratchPool.take(n);
        float[] b = ScratchPool.take(n);
        assertNotSame(a, b);
        ScratchPool.give(a);
        assertSame(a, ScratchPool.take(n));
        assertTrue(ScratchPool.take(n) != a, "a buffer is handed out once per give");
        assertEquals(5, ScratchPool.take(5).length);
    }

    /** Each direction's output is a pooled buffer given back once joined: the joined output is the caller's alone. */
    @Test
    void aBidirectionalOutputOutlivesTheNextRun() {
        Torch.manualSeed(22);
        GRU gru = GRU.builder(16, 64).bidirectional(true).build();   // 10·8·64 floats a direction: pooled
        Tensor out = gru.forward(Torch.randn(10, 8, 16)).output();
        float[] first = out.toFloatArray();
        gru.forward(Torch.randn(10, 8, 16)).output().sum().backward();
        try (var g = Torch.noGrad()) {
            gru.forward(Torch.randn(10, 8, 16));
        }
        for (int n : new int[]{first.length, first.length / 2}) {   // whatever of these sizes the pool holds
            for (int k = 0; k < 16; k++) {
                java.util.Arrays.fill(ScratchPool.take(n), Float.NaN);
            }
        }
        assertArrayEquals(first, out.toFloatArray());
    }

    /**
     * Without grad, a layer between others writes its output to a pooled buffer and hands it back once the next layer
     * has read it; the last layer's output stays the caller's, and the results are those of a run with grad.
     */
    @Test
    void aLayerBetweenOthersWritesAPooledBufferWithoutGrad() {
        Torch.manualSeed(23);
        LSTM lstm = LSTM.builder(12, 48).numLayers(2).build();
        Tensor x = Torch.randn(9, 10, 12);
        float[] withGrad = lstm.forward(x).output().toFloatArray();
        int between = 9 * 10 * 48;   // the first layer's output: no other buffer of a run without grad has its size
        float[] mine = ScratchPool.take(between);
        java.util.Arrays.fill(mine, Float.NaN);
        ScratchPool.give(mine);
        Tensor out;
        try (var g = Torch.noGrad()) {
            out = lstm.forward(x).output();
        }
        assertTrue(!Float.isNaN(mine[0]) && !Float.isNaN(mine[between - 1]), "the first layer did not write it");
        assertSame(mine, ScratchPool.take(between), "not handed back");
        java.util.Arrays.fill(mine, Float.NaN);
        assertArrayEquals(withGrad, out.toFloatArray());
    }

    @Test
    void overItsBudgetThePoolDropsTheSizesLeastRecentlyAskedFor() {
        int older = 4099, recent = 4101, given = 4103;   // sizes no layer in this JVM asks for
        float[] a = ScratchPool.take(older), b = ScratchPool.take(recent), c = ScratchPool.take(given);
        ScratchPool.giveWithin(Long.MAX_VALUE, a);
        ScratchPool.giveWithin(Long.MAX_VALUE, b);
        ScratchPool.giveWithin(4L * (recent + given), c);   // room for c once all but b went, a among them
        assertNotSame(a, ScratchPool.take(older));
        assertSame(b, ScratchPool.take(recent));
        assertSame(c, ScratchPool.take(given));
    }
}
