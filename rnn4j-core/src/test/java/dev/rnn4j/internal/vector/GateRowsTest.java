package dev.rnn4j.internal.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rnn4j.internal.kernel.Kernels;
import dev.rnn4j.internal.kernel.gates.GateRows;
import dev.rnn4j.internal.kernel.gates.RowSplit;
import dev.rnn4j.internal.kernel.gates.SleefFloat;
import dev.rnn4j.internal.parallel.Parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** VectorGateRows against the plain-Java gate loops, bit for bit, and the row split against one thread. */
class GateRowsTest {
    private static final GateRows SCALAR = GateRows.PLAIN;
    private static final GateRows VECTOR = new VectorGateRows();
    private static final int[] HIDDEN = {1, 2, 3, 7, 8, 9, 15, 16, 17, 20, 24, 31, 32, 33, 37, 40, 48, 63, 64, 65, 100};

    /** Random floats of mixed sizes, with a few zeros, large values and saturating gates. */
    private static float[] random(Random rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            int k = rnd.nextInt(20);
            a[i] = k == 0 ? 0f : k == 1 ? (float) (rnd.nextGaussian() * 40) : (float) (rnd.nextGaussian() * 3);
        }
        return a;
    }

    /** Runs one kernel on copies of the same arrays with each implementation and compares every array. */
    private interface Kernel {
        void run(GateRows impl, float[][] arrays);
    }

    private static void compare(String what, float[][] arrays, Kernel k) {
        float[][] a = new float[arrays.length][];
        float[][] b = new float[arrays.length][];
        for (int i = 0; i < arrays.length; i++) {
            a[i] = arrays[i] == null ? null : arrays[i].clone();
            b[i] = arrays[i] == null ? null : arrays[i].clone();
        }
        k.run(SCALAR, a);
        k.run(VECTOR, b);
        for (int i = 0; i < arrays.length; i++) {
            if (a[i] == null || (i == 0 && what.contains("forward"))) {   // hh is scratch in a forward step
                continue;
            }
            for (int j = 0; j < a[i].length; j++) {
                if (Float.floatToRawIntBits(a[i][j]) != Float.floatToRawIntBits(b[i][j])
                        && !(Float.isNaN(a[i][j]) && Float.isNaN(b[i][j]))) {
                    fail(what + ": array " + i + " differs at " + j + ": scalar " + a[i][j] + ", vector " + b[i][j]);
                }
            }
        }
    }

    @Test
    void vectorEqualsScalar() {
        Random rnd = new Random(5);
        for (int h : HIDDEN) {
            for (int rows : new int[] {1, 3, 5}) {
                for (boolean bias : new boolean[] {true, false}) {
                    int off = 3;   // offsets into larger arrays
                    int r1 = rows + 1;
                    String tag = "H=" + h + " rows=" + rows + " bias=" + bias;
                    // LSTM: hh, bHh, pre, cPrev, h, c, saved, bIh
                    compare("lstm forward " + tag, new float[][] {random(rnd, r1 * 4 * h), bias ? random(rnd, 4 * h) : null,
                            random(rnd, off + r1 * 4 * h), random(rnd, off + r1 * h), new float[off + r1 * h],
                            new float[off + r1 * h], new float[off + r1 * 5 * h], bias ? random(rnd, 4 * h) : null},
                        (g, x) -> g.lstmForward(1, rows, h, x[0], x[1], x[7], x[2], off, x[3], off, x[4], off, x[5], off,
                                x[6], off));
                    // dh, dc, saved, cPrev, dPre
                    float[] savedL = lstmSaved(rnd, r1, h, off);
                    compare("lstm backward " + tag, new float[][] {random(rnd, off + r1 * h), random(rnd, off + r1 * h), savedL,
                            random(rnd, off + r1 * h), new float[off + r1 * 4 * h]},
                        (g, x) -> g.lstmBackward(1, rows, h, x[0], off, x[1], off, x[2], off, x[3], off, x[4], off));
                    // GRU: hh, bHh, pre, hPrev, h, saved, bIh
                    compare("gru forward " + tag, new float[][] {random(rnd, r1 * 3 * h), bias ? random(rnd, 3 * h) : null,
                            random(rnd, off + r1 * 3 * h), random(rnd, off + r1 * h), new float[off + r1 * h],
                            new float[off + r1 * 4 * h], bias ? random(rnd, 3 * h) : null},
                        (g, x) -> g.gruForward(1, rows, h, x[0], x[1], x[6], x[2], off, x[3], off, x[4], off, x[5], off));
                    // dh, saved, hPrev, dPre, dHh, dhPrev
                    compare("gru backward " + tag, new float[][] {random(rnd, off + r1 * h), gruSaved(rnd, r1, h, off),
                            random(rnd, off + r1 * h), new float[off + r1 * 3 * h], new float[off + r1 * 3 * h],
                            new float[off + r1 * h]},
                        (g, x) -> g.gruBackward(1, rows, h, x[0], off, x[1], off, x[2], off, x[3], off, x[4], off, x[5], off));
                    for (boolean relu : new boolean[] {false, true}) {
                        compare("elman forward relu=" + relu + " " + tag, new float[][] {random(rnd, r1 * h),
                                bias ? random(rnd, h) : null, random(rnd, off + r1 * h), new float[off + r1 * h],
                                new float[off + r1 * h], bias ? random(rnd, h) : null},
                            (g, x) -> g.elmanForward(1, rows, h, relu, x[0], x[1], x[5], x[2], off, x[3], off, x[4], off));
                        float[] savedE = random(rnd, off + r1 * h);
                        for (int i = 0; i < savedE.length; i++) {
                            savedE[i] = relu ? Math.max(0f, savedE[i]) : SleefFloat.tanh(savedE[i]);
                        }
                        compare("elman backward relu=" + relu + " " + tag, new float[][] {random(rnd, off + r1 * h), savedE,
                                new float[off + r1 * h]},
                            (g, x) -> g.elmanBackward(1, rows, h, relu, x[0], off, x[1], off, x[2], off));
                    }
                }
            }
        }
    }

    /** Saved gate values in their ranges: σ in (0, 1), tanh in (−1, 1). */
    private static float[] lstmSaved(Random rnd, int rows, int h, int off) {
        float[] s = random(rnd, off + rows * 5 * h);
        for (int i = off; i < s.length; i++) {
            int block = ((i - off) / h) % 5;
            s[i] = block == 2 || block == 4 ? SleefFloat.tanh(s[i]) : SleefFloat.sigmoid(s[i]);
        }
        return s;
    }

    private static float[] gruSaved(Random rnd, int rows, int h, int off) {
        float[] s = random(rnd, off + rows * 4 * h);
        for (int i = off; i < s.length; i++) {
            int block = ((i - off) / h) % 4;
            s[i] = block < 2 ? SleefFloat.sigmoid(s[i]) : block == 2 ? SleefFloat.tanh(s[i]) : s[i];
        }
        return s;
    }

    /** A step big enough to be split over threads gives the same bits with 1 and with 3 threads. */
    @Test
    void rowSplitDoesNotChangeResults() {
        GateRows G = Kernels.gateRows();
        Random rnd = new Random(9);
        int rows = 64;
        int h = 200;
        float[] hh = random(rnd, rows * 4 * h);
        float[] b = random(rnd, 4 * h);
        float[] pre = random(rnd, rows * 4 * h);
        float[] cPrev = random(rnd, rows * h);
        int saved = Parallel.getNumThreads();
        List<float[]> runs = new ArrayList<>();
        try {
            for (int threads : new int[] {1, 3}) {
                Parallel.setNumThreads(threads);
                float[] hOut = new float[rows * h];
                float[] c = new float[rows * h];
                float[] s = new float[rows * 5 * h];
                float[] hhL = hh.clone();
                RowSplit.forward(0, rows, h, (r0, r1) -> G.lstmForward(r0, r1, h, hhL, b, b, pre, 0, cPrev, 0, hOut, 0,
                        c, 0, s, 0));
                float[] dc = c.clone();
                float[] dPre = new float[rows * 4 * h];
                RowSplit.backward(0, rows, h, (r0, r1) -> G.lstmBackward(r0, r1, h, hOut, 0, dc, 0, s, 0, cPrev, 0,
                        dPre, 0));
                float[] dPreG = new float[rows * 3 * h];
                float[] dHhG = new float[rows * 3 * h];
                float[] dhPrev = new float[rows * h];
                float[] sG = new float[rows * 4 * h];
                float[] hG = new float[rows * h];
                float[] hhG = hh.clone();
                RowSplit.forward(0, rows, h, (r0, r1) -> G.gruForward(r0, r1, h, hhG, b, b, pre, 0, cPrev, 0, hG, 0, sG,
                        0));
                RowSplit.backward(0, rows, h, (r0, r1) -> G.gruBackward(r0, r1, h, hOut, 0, sG, 0, cPrev, 0, dPreG, 0,
                        dHhG, 0, dhPrev, 0));
                for (float[] a : new float[][] {hOut, c, s, dc, dPre, hG, sG, dPreG, dHhG, dhPrev}) {
                    runs.add(a);
                }
            }
        } finally {
            Parallel.setNumThreads(saved);
        }
        int half = runs.size() / 2;
        for (int i = 0; i < half; i++) {
            assertArrayEquals(runs.get(i), runs.get(half + i), "array " + i);
        }
    }

    /** The exp over arrays that log_softmax uses: whole vectors and a scalar tail, the plain loop's bits. */
    @Test
    void expEqualsPlainOverAnyLength() {
        Random rnd = new Random(9);
        for (int n : new int[]{0, 1, 15, 16, 17, 65, 2048 * 65 + 3}) {
            float[] x = random(rnd, n + 2);
            float[] plain = new float[n + 1];
            float[] vector = new float[n + 1];
            SCALAR.exp(x, 2, plain, 1, n);
            VECTOR.exp(x, 2, vector, 1, n);
            assertArrayEquals(plain, vector, "exp over " + n);
        }
    }
}
