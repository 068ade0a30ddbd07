package dev.rnn4j.internal.kernel.gates;

import dev.rnn4j.internal.kernel.gemm.Arithmetic;

/**
 * The GRU cell's element-wise math, PyTorch's gate order r, z, n and its "linear before reset" form:
 * <pre>
 *   h_* = h·W_h*ᵀ + b_h*,  i_* = x·W_i*ᵀ + b_i*              (rows, 3H), blocks r | z | n
 *   r = σ(h_r + i_r),  z = σ(h_z + i_z),  n = tanh(i_n + h_n·r)   (b_hn stays inside h_n, under r)
 *   h' = (h − n)·z + n
 * </pre>
 * Backward, from dh': the input side and the hidden side of the gates get different gradients (r multiplies h_n
 * only), and h reaches h' directly as well as through W_hh:
 * <pre>
 *   dn = dh'·(1 − z)·(1 − n²),  dr = dn·h_n·r(1 − r),  dz = dh'·(h − n)·z(1 − z)
 *   d(i_r, i_z, i_n) = (dr, dz, dn),  d(h_r, h_z, h_n) = (dr, dz, dn·r),  dh (direct) = dh'·z
 * </pre>
 * The element functions are the reference; the row loops are the plain-Java kernel, and the Vector API kernel
 * repeats the same float operations lane-wise and calls these functions for its tail columns.
 */
public final class GruGates {
    /** Floats saved per row for the backward pass: r, z, n and h_n. */
    public static int savedPerRow(int hidden) {
        return 4 * hidden;
    }

    private GruGates() {
    }

    /**
     * Column j of one row. hh at g0 (3H, h·W_hhᵀ without bias), pre at p0 (3H, x·W_ihᵀ without bias), hPrev at
     * hp (H), h at ho (H), saved at s (4H). bHh and bIh (3H) may be null.
     */
    public static void forwardAt(int j, int hidden, int sleefEnd, boolean exact, float[] hh, int g0, float[] bHh,
                                 float[] bIh, float[] pre, int p0, float[] hPrev, int hp, float[] h, int ho,
                                 float[] saved, int s) {
        int jz = hidden + j;
        int jn = 2 * hidden + j;
        float hn = GateRows.hiddenGate(hh, g0, bHh, jn);
        float reset = TorchSigmoid.at(GateRows.gate(hh, g0, bHh, bIh, pre, p0, j), j, sleefEnd);
        float update = TorchSigmoid.at(GateRows.gate(hh, g0, bHh, bIh, pre, p0, jz), j, sleefEnd);
        float n = GateRows.tanh(GateRows.inputGate(pre, p0, bIh, jn) + hn * reset, exact);
        float prev = hPrev[hp + j];
        h[ho + j] = (prev - n) * update + n;
        saved[s + j] = reset;
        saved[s + jz] = update;
        saved[s + jn] = n;
        saved[s + 3 * hidden + j] = hn;
    }

    /**
     * Column j of one row backward. dh at dho (H), saved at s (4H), hPrev at hp (H); dPre at dp (3H) receives the
     * gradient at the input side, dHh at dq (3H) at the hidden side, dhPrev at dhp (H) the direct path's.
     */
    public static void backwardAt(int j, int hidden, float[] dh, int dho, float[] saved, int s, float[] hPrev,
                                  int hp, float[] dPre, int dp, float[] dHh, int dq, float[] dhPrev, int dhp) {
        float reset = saved[s + j];
        float update = saved[s + hidden + j];
        float n = saved[s + 2 * hidden + j];
        float hn = saved[s + 3 * hidden + j];
        float g = dh[dho + j];
        float prev = hPrev[hp + j];
        float dn = g * (1f - update) * (1f - n * n);
        float dr = dn * hn * reset * (1f - reset);
        float dz = g * (prev - n) * update * (1f - update);
        dPre[dp + j] = dr;
        dPre[dp + hidden + j] = dz;
        dPre[dp + 2 * hidden + j] = dn;
        dHh[dq + j] = dr;
        dHh[dq + hidden + j] = dz;
        dHh[dq + 2 * hidden + j] = dn * reset;
        dhPrev[dhp + j] = g * update;
    }

    /** Rows [r0, r1) forward: hh (rows, 3H) from 0; pre (rows, 3H), hPrev, h (rows, H), saved (rows, 4H). */
    static void forwardRows(int r0, int r1, int hidden, float[] hh, float[] bHh, float[] bIh, float[] pre, int preOff,
                            float[] hPrev, int hPrevOff, float[] h, int hOff, float[] saved, int savedOff) {
        int sleefEnd = TorchSigmoid.sleefEnd(hidden);
        boolean exact = Arithmetic.exact();
        for (int r = r0; r < r1; r++) {
            int g0 = r * 3 * hidden;
            int rh = r * hidden;
            int s = savedOff + r * 4 * hidden;
            for (int j = 0; j < hidden; j++) {
                forwardAt(j, hidden, sleefEnd, exact, hh, g0, bHh, bIh, pre, preOff + g0, hPrev, hPrevOff + rh,
                        h, hOff + rh, saved, s);
            }
        }
    }

    /** Rows [r0, r1) backward: dh, hPrev, dhPrev (rows, H), saved (rows, 4H), dPre and dHh (rows, 3H). */
    static void backwardRows(int r0, int r1, int hidden, float[] dh, int dhOff, float[] saved, int savedOff,
                             float[] hPrev, int hPrevOff, float[] dPre, int dPreOff, float[] dHh, int dHhOff,
                             float[] dhPrev, int dhPrevOff) {
        for (int r = r0; r < r1; r++) {
            int rh = r * hidden;
            int s = savedOff + r * 4 * hidden;
            int g = r * 3 * hidden;
            for (int j = 0; j < hidden; j++) {
                backwardAt(j, hidden, dh, dhOff + rh, saved, s, hPrev, hPrevOff + rh, dPre, dPreOff + g,
                        dHh, dHhOff + g, dhPrev, dhPrevOff + rh);
            }
        }
    }
}
