package dev.rnn4j.internal.kernel.gates;

import dev.rnn4j.internal.kernel.gemm.Arithmetic;

/**
 * The Elman cell's element-wise math:
 * <pre>
 *   h' = act((h·W_hhᵀ + b_hh) + (x·W_ihᵀ + b_ih)),  act = tanh or relu      (rows, H)
 *   d(pre) = dh'·(1 − h'²)  (tanh),  dh'·[h' &gt; 0]  (relu)
 * </pre>
 * Both derivatives are written from h' alone, so h' is all a step saves. The element functions work on flat
 * indices i over rows·H (j = i mod H picks the bias column): the rows of a step are one contiguous run.
 */
public final class ElmanGates {
    /** Floats saved per row for the backward pass: h'. */
    public static int savedPerRow(int hidden) {
        return hidden;
    }

    private ElmanGates() {
    }

    /**
     * Element i: hh (rows·H, without bias) from 0, bHh and bIh (H) or null, pre (x·W_ihᵀ without bias), h and saved
     * from their offsets.
     */
    public static void forwardAt(int i, int j, boolean relu, boolean exact, float[] hh, float[] bHh, float[] bIh,
                                 float[] pre, int preOff, float[] h, int hOff, float[] saved, int savedOff) {
        float gate = bHh == null ? hh[i] : hh[i] + bHh[j];
        float v = gate + (bIh == null ? pre[preOff + i] : pre[preOff + i] + bIh[j]);
        float out = relu ? (v > 0f ? v : 0f) : GateRows.tanh(v, exact);
        h[hOff + i] = out;
        saved[savedOff + i] = out;
    }

    /** Element i backward: dPre = dh'·act'(h'). */
    public static void backwardAt(int i, boolean relu, float[] dh, int dhOff, float[] saved, int savedOff,
                                  float[] dPre, int dPreOff) {
        float out = saved[savedOff + i];
        float g = dh[dhOff + i];
        dPre[dPreOff + i] = relu ? (out > 0f ? g : 0f) : g * (1f - out * out);
    }

    /** Rows [r0, r1) forward. */
    static void forwardRows(int r0, int r1, int hidden, boolean relu, float[] hh, float[] bHh, float[] bIh,
                            float[] pre, int preOff, float[] h, int hOff, float[] saved, int savedOff) {
        boolean exact = Arithmetic.exact();
        for (int r = r0; r < r1; r++) {
            for (int j = 0; j < hidden; j++) {
                forwardAt(r * hidden + j, j, relu, exact, hh, bHh, bIh, pre, preOff, h, hOff, saved, savedOff);
            }
        }
    }

    /** Rows [r0, r1) backward. */
    static void backwardRows(int r0, int r1, int hidden, boolean relu, float[] dh, int dhOff, float[] saved,
                             int savedOff, float[] dPre, int dPreOff) {
        for (int i = r0 * hidden; i < r1 * hidden; i++) {
            backwardAt(i, relu, dh, dhOff, saved, savedOff, dPre, dPreOff);
        }
    }
}
