package dev.rnn4j.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The worked examples of PYTORCH_SEMANTICS.md section 5.4, and the options plumbing. */
class TensorFormatTest {

    @AfterEach
    void restoreOptions() {
        PrintOptions.reset();
    }

    private static String vector(float... v) {
        return TensorFormat.repr(v, new int[] {v.length}, List.of());
    }

    @Test
    void intMode() {
        assertEquals("tensor([1., 2., 3.])", vector(1, 2, 3));
        assertEquals("tensor([100.,  -2.,   3.])", vector(100, -2, 3));
        assertEquals("tensor([   1., 1000.])", vector(1, 1000));
        assertEquals("tensor([0., 0., 0.])", vector(0, 0, 0));
        assertEquals("tensor([-0., 0.])", vector(-0f, 0));
    }

    @Test
    void sciMode() {
        assertEquals("tensor([1.0000e-05, 1.0000e+00])", vector(1e-5f, 1));
        assertEquals("tensor([1.0000e+00, 1.0010e+03])", vector(1, 1001));
        assertEquals("tensor([1.0000e-04, 1.0000e-03])", vector(1e-4f, 1e-3f));
        assertEquals("tensor([1.2346e+08])", vector(1.2346e8f));
    }

    @Test
    void specials() {
        assertEquals("tensor([nan, 1., inf, -inf])", vector(Float.NaN, 1, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY));
        assertEquals("tensor([   nan, 1.5000])", vector(Float.NaN, 1.5f));
    }

    @Test
    void scalarsAndLongs() {
        assertEquals("tensor(0.5000)", TensorFormat.repr(new float[] {0.5f}, new int[0], List.of()));
        assertEquals("tensor(3)", TensorFormat.reprLong(new long[] {3}, new int[0], List.of()));
        assertEquals("tensor([  1,   2, 300])", TensorFormat.reprLong(new long[] {1, 2, 300}, new int[] {3}, List.of()));
    }

    @Test
    void suffixStaysOnTheLineWhenItFits() {
        float[] v = {-0.8314f, 0.3020f, -0.8178f, 0.0373f};
        assertEquals("tensor([[-0.8314,  0.3020, -0.8178,  0.0373]], grad_fn=<TanhBackward0>)",
                TensorFormat.repr(v, new int[] {1, 4}, List.of("grad_fn=<TanhBackward0>")));
    }

    @Test
    void emptyTensorsSpellOutTheirShape() {
        assertEquals("tensor([], size=(0, 3))", TensorFormat.repr(new float[0], new int[] {0, 3}, List.of()));
        assertEquals("tensor([])", TensorFormat.repr(new float[0], new int[] {0}, List.of()));
        assertEquals("tensor([], size=(2, 0, 4), requires_grad=True)",
                TensorFormat.repr(new float[0], new int[] {2, 0, 4}, List.of("requires_grad=True")));
        assertEquals("tensor([], dtype=torch.int64)", TensorFormat.reprLong(new long[0], new int[] {0}, List.of()));
    }

    @Test
    void transposedViewReadsThroughStrides() {
        float[] storage = {1, 2, 3, 4, 5, 6}; // a 2x3 matrix; print its 3x2 transpose
        assertEquals("tensor([[1., 4.],\n        [2., 5.],\n        [3., 6.]])",
                TensorFormat.repr(storage, 0, new int[] {3, 2}, new int[] {1, 3}, List.of()));
    }

    @Test
    void summarisedVectorOnlyMeasuresTheEdges() {
        float[] v = new float[2000];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        assertEquals("tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,\n"
                + "        1.9990e+03])", vector(v));
    }

    @Test
    void sizeAndParameter() {
        assertEquals("torch.Size([2, 3])", TensorFormat.size(new int[] {2, 3}));
        assertEquals("torch.Size([])", TensorFormat.size(new int[0]));
        assertEquals("Parameter containing:\ntensor([-0.5734, -0.0634], requires_grad=True)",
                TensorFormat.parameter(TensorFormat.repr(new float[] {-0.5734f, -0.0634f}, new int[] {2},
                        List.of("requires_grad=True"))));
    }

    @Test
    void profilesAndTheCurrentOptions() {
        assertEquals(new PrintOptions(2, 1000, 2, 80, null), PrintOptions.profile("short"));
        assertEquals(Double.POSITIVE_INFINITY, PrintOptions.profile("full").threshold());
        assertEquals(PrintOptions.DEFAULT, PrintOptions.profile("default"));
        PrintOptions.set(PrintOptions.profile("short"));
        assertEquals("tensor([1.12])", vector(1.12345f));
        PrintOptions.set(PrintOptions.DEFAULT.withSciMode(true));
        assertEquals("tensor([1.1235e+00])", vector(1.12345f));
        // all zeros: PyTorch's formatter returns before the override applies
        assertEquals("tensor([0., 0.])", vector(0, 0));
        PrintOptions.reset();
        assertEquals("tensor([1.1235])", vector(1.12345f));
    }
}
