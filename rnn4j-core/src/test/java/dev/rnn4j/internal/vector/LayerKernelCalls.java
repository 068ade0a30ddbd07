package dev.rnn4j.internal.vector;

import dev.rnn4j.internal.kernel.gemm.PackedMatrix;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The vector kernels' calls as a layer of real shape makes them, on random inputs: the allocation tests run them to
 * tell compiled code (which allocates nothing) from boxed code. Rows: a thread's share of a batch of 32.
 */
final class LayerKernelCalls {
    static final int ROWS = 16;

    private final Random random;

    LayerKernelCalls(long seed) {
        random = new Random(seed);
    }

    float[] filled(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }

    /** Every gate loop (both Elman activations) and the exp, over ROWS rows of {@code hidden} units, by name. */
    Map<String, Runnable> gateLoops(int hidden) {
        VectorGateRows gates = new VectorGateRows();
        int rows = ROWS;
        float[] hh = filled(rows * 4 * hidden), pre = filled(rows * 4 * hidden), b = filled(4 * hidden);
        float[] prev = filled(rows * hidden), h = new float[rows * hidden], c = new float[rows * hidden];
        float[] saved = new float[rows * 5 * hidden], dh = filled(rows * hidden), dc = filled(rows * hidden);
        float[] d1 = new float[rows * 4 * hidden], d2 = new float[rows * 4 * hidden], e = new float[rows * hidden];
        Map<String, Runnable> calls = new LinkedHashMap<>();
        calls.put("lstmForward", () -> gates.lstmForward(0, rows, hidden, hh, b, b, pre, 0, prev, 0, h, 0, c, 0,
                saved, 0));
        calls.put("lstmBackward", () -> gates.lstmBackward(0, rows, hidden, dh, 0, dc, 0, saved, 0, prev, 0, d1, 0));
        calls.put("gruForward", () -> gates.gruForward(0, rows, hidden, hh, b, b, pre, 0, prev, 0, h, 0, saved, 0));
        calls.put("gruBackward", () -> gates.gruBackward(0, rows, hidden, dh, 0, saved, 0, prev, 0, d1, 0, d2, 0, e,
                0));
        calls.put("elmanForward tanh", () -> gates.elmanForward(0, rows, hidden, false, hh, b, b, pre, 0, h, 0,
                saved, 0));
        calls.put("elmanForward relu", () -> gates.elmanForward(0, rows, hidden, true, hh, b, b, pre, 0, h, 0,
                saved, 0));
        calls.put("elmanBackward tanh", () -> gates.elmanBackward(0, rows, hidden, false, dh, 0, saved, 0, d1, 0));
        calls.put("elmanBackward relu", () -> gates.elmanBackward(0, rows, hidden, true, dh, 0, saved, 0, d1, 0));
        calls.put("exp", () -> gates.exp(pre, 0, d2, 0, rows * hidden));
        return calls;
    }

    /** A recurrent step's product: ROWS rows of (k) by a packed (k, n) weight. */
    Runnable recurrentStep(int n, int k) {
        float[] w = filled(n * k), x = filled(ROWS * k), y = new float[ROWS * n];
        PackedMatrix wT = PackedGemm.pack(true, k, n, w, 0, k, false);
        return () -> PackedGemm.run(false, false, ROWS, n, k, x, 0, k, null, 0, 0, wT, y, 0, n, false, false);
    }
}
