package dev.rnn4j.internal.kernel.gates;

import dev.rnn4j.internal.kernel.gemm.Arithmetic;

/**
 * The LSTM cell's element-wise math, PyTorch's gate order i, f, g, o:
 * <pre>
 *   gates = (h·W_hhᵀ + b_hh) + (x·W_ihᵀ + b_ih)        (rows, 4H), blocks i | f | g | o
 *   i, f, o = σ(…),  g = tanh(…)
 *   c' = f·c + i·g,  h' = o·tanh(c')
 * </pre>
 * A projection of h' is the caller's GEMM. The backward pass, from dh' and dc' (the gradient reaching c' from the
 * next step), writes the gradient at the gates' pre-activations and the gradient at c:
 * <pre>
 *   dc' += dh'·o·(1 − tanh²(c'))
 *   di = dc'·g·i(1 − i),  df = dc'·c·f(1 − f),  dg = dc'·i·(1 − g²),  do = dh'·tanh(c')·o(1 − o)
 *   dc = dc'·f
 * </pre>
 * The element functions are the reference; the row loops below are the plain-Java kernel, and the Vector API
 * kernel repeats the same float operations lane-wise and calls these functions for its tail columns.
 * Float operations keep PyTorch's order (RNN.cpp), so results round alike.
 */
public final class LstmGates {
    /** Floats saved per row for the backward pass: i, f, g, o after their activations, then tanh(c'). */
    public static int savedPerRow(int hidden) {
        return 5 * hidden;
    }

    private LstmGates() {
    }

    /**
     * Column j of one row. Offsets are that row's: hh at g0 (4H, h·W_hhᵀ without bias), pre at p0 (4H, x·W_ihᵀ
     * without bias), cPrev at cp (H), h at ho (H), c at co (H), saved at s (5H). bHh and bIh (4H) may be null.
     */
    public static void forwardAt(int j, int hidden, int sleefEnd, boolean exact, float[] hh, int g0, float[] bHh,
                                 float[] bIh, float[] pre, int p0, float[] cPrev, int cp, float[] h, int ho,
                                 float[] c, int co, float[] saved, int s) {
        int jf = hidden + j;
        int jg = 2 * hidden + j;
        int jo = 3 * hidden + j;
        float in = TorchSigmoid.at(GateRows.gate(hh, g0, bHh, bIh, pre, p0, j), j, sleefEnd);
        float forget = TorchSigmoid.at(GateRows.gate(hh, g0, bHh, bIh, pre, p0, jf), j, sleefEnd);
        float cell = GateRows.tanh(GateRows.gate(hh, g0, bHh, bIh, pre, p0, jg), exact);
        float out = TorchSigmoid.at(GateRows.gate(hh, g0, bHh, bIh, pre, p0, jo), j, sleefEnd);
        float cNew = forget * cPrev[cp + j] + in * cell;
        float tc = GateRows.tanh(cNew, exact);
        c[co + j] = cNew;
        h[ho + j] = out * tc;
        saved[s + j] = in;
        saved[s + jf] = forget;
        saved[s + jg] = cell;
        saved[s + jo] = out;
        saved[s + 4 * hidden + j] = tc;
    }

    /**
     * Column j of one row backward. dh at dho (H), dc at dco (H: in dc', out dc), saved at s (5H), cPrev at cp (H),
     * dPre at d (4H) receives the gradient at the gates' pre-activations.
     */
    public static void backwardAt(int j, int hidden, float[] dh, int dho, float[] dc, int dco, float[] saved, int s,
                                  float[] cPrev, int cp, float[] dPre, int d) {
        float in = saved[s + j];
        float forget = saved[s + hidden + j];
        float cell = saved[s + 2 * hidden + j];
        float out = saved[s + 3 * hidden + j];
        float tc = saved[s + 4 * hidden + j];
        float g = dh[dho + j];
        float dcTotal = dc[dco + j] + g * out * (1f - tc * tc);
        dPre[d + j] = dcTotal * cell * in * (1f - in);
        dPre[d + hidden + j] = dcTotal * cPrev[cp + j] * forget * (1f - forget);
        dPre[d + 2 * hidden + j] = dcTotal * in * (1f - cell * cell);
        dPre[d + 3 * hidden + j] = g * tc * out * (1f - out);
        dc[dco + j] = dcTotal * forget;
    }

    /**
     * Rows [r0, r1) forward. hh (rows, 4H) from 0; pre (rows, 4H), cPrev, h, c (rows, H) and saved (rows, 5H)
     * from their offsets.
     */
    static void forwardRows(int r0, int r1, int hidden, float[] hh, float[] bHh, float[] bIh, float[] pre, int preOff,
                            float[] cPrev, int cPrevOff, float[] h, int hOff, float[] c, int cOff,
                            float[] saved, int savedOff) {
        int sleefEnd = TorchSigmoid.sleefEnd(hidden);
        boolean exact = Arithmetic.exact();
        for (int r = r0; r < r1; r++) {
            int g0 = r * 4 * hidden;
            int rh = r * hidden;
            int s = savedOff + r * 5 * hidden;
            for (int j = 0; j < hidden; j++) {
                forwardAt(j, hidden, sleefEnd, exact, hh, g0, bHh, bIh, pre, preOff + g0, cPrev, cPrevOff + rh,
                        h, hOff + rh, c, cOff + rh, saved, s);
            }
        }
    }

    /** Rows [r0, r1) backward; dh, dc, cPrev (rows, H), saved (rows, 5H), dPre (rows, 4H) from their offsets. */
    static void backwardRows(int r0, int r1, int hidden, float[] dh, int dhOff, float[] dc, int dcOff,
                             float[] saved, int savedOff, float[] cPrev, int cPrevOff, float[] dPre, int dPreOff) {
        for (int r = r0; r < r1; r++) {
            int rh = r * hidden;
            int s = savedOff + r * 5 * hidden;
            int d = dPreOff + r * 4 * hidden;
            for (int j = 0; j < hidden; j++) {
                backwardAt(j, hidden, dh, dhOff + rh, dc, dcOff + rh, saved, s, cPrev, cPrevOff + rh, dPre, d);
            }
        }
    }
}
