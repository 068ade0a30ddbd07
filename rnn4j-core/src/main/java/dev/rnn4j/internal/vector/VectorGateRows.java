package dev.rnn4j.internal.vector;

import dev.rnn4j.internal.kernel.gates.ElmanGates;
import dev.rnn4j.internal.kernel.gates.GateRows;
import dev.rnn4j.internal.kernel.gates.GruGates;
import dev.rnn4j.internal.kernel.gates.LstmGates;
import dev.rnn4j.internal.kernel.gates.SleefFloat;
import dev.rnn4j.internal.kernel.gates.TorchSigmoid;
import dev.rnn4j.internal.kernel.gemm.Arithmetic;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The gate loops on the Vector API: whole vectors over the columns where every lane does the same thing, then
 * the cells' own element functions ({@link LstmGates#forwardAt} and the like) for the rest. A forward pass goes
 * over a row in several sweeps (gate sums, activations with {@link VectorSleef}'s and {@link VectorFastTanh}'s
 * loops, state update), each sweep a loop of its own that hands its results to the next through the scratch hh and
 * saved: no method here takes or returns a vector (see VectorSleef for why). Each vector statement is the scalar
 * one lane-wise, in the same order, so results equal {@link GateRows#PLAIN} bit for bit.
 */
final class VectorGateRows implements GateRows {
    // A row narrower than one vector goes to the plain loops: no vector lane would run, and a JIT profile taken on
    // such rows alone would leave the vector loops compiled as never entered for the wide rows that come later.
    private static final VectorSpecies<Float> F = VectorSleef.F;
    private static final int L = F.length();

    /**
     * dst = (hh + bHh) + (pre + bIh) over n floats, the biases from column bi: a gate's sum as the scalar code rounds
     * it (GateRows.gate). Either bias may be null; pre null leaves the hidden side alone.
     */
    private static void sum(float[] hh, int hi, float[] bHh, float[] bIh, int bi, float[] pre, int pi, float[] dst,
                            int di, int n) {
        for (int j = 0; j < n; j += L) {
            FloatVector v = FloatVector.fromArray(F, hh, hi + j);
            if (bHh != null) {
                v = v.add(FloatVector.fromArray(F, bHh, bi + j));
            }
            if (pre != null) {
                FloatVector x = FloatVector.fromArray(F, pre, pi + j);
                v = v.add(bIh == null ? x : x.add(FloatVector.fromArray(F, bIh, bi + j)));
            }
            v.intoArray(dst, di + j);
        }
    }

    /** dst = x · y over n floats. */
    private static void product(float[] x, int xi, float[] y, int yi, float[] dst, int di, int n) {
        for (int j = 0; j < n; j += L) {
            FloatVector.fromArray(F, x, xi + j).mul(FloatVector.fromArray(F, y, yi + j)).intoArray(dst, di + j);
        }
    }

    /** tanh over n floats (a multiple of the lane count) as the arithmetic chosen: see GateRows.tanh. */
    private static void tanh(boolean exact, float[] src, int srcOff, float[] dst, int dstOff, int n) {
        if (exact) {
            VectorSleef.tanh(src, srcOff, dst, dstOff, n);
        } else {
            VectorFastTanh.tanh(src, srcOff, dst, dstOff, n);
        }
    }

    /** Vector columns end here: within PyTorch's vectorised sigmoid blocks, in whole vectors. */
    private static int vectorEnd(int hidden) {
        return F.loopBound(TorchSigmoid.sleefEnd(hidden));
    }

    @Override
    public void lstmForward(int r0, int r1, int hidden, float[] hh, float[] bHh, float[] bIh, float[] pre, int preOff,
                            float[] cPrev, int cPrevOff, float[] h, int hOff, float[] c, int cOff,
                            float[] saved, int savedOff) {
        if (hidden < L) {
            PLAIN.lstmForward(r0, r1, hidden, hh, bHh, bIh, pre, preOff, cPrev, cPrevOff, h, hOff, c, cOff, saved,
                    savedOff);
            return;
        }
        int sleefEnd = TorchSigmoid.sleefEnd(hidden);
        int vEnd = vectorEnd(hidden);
        boolean exact = Arithmetic.exact();
        for (int r = r0; r < r1; r++) {
            int g0 = r * 4 * hidden;
            int p0 = preOff + g0;
            int rh = r * hidden;
            int s = savedOff + r * 5 * hidden;
            // saved holds the row's gates i, f, g, o and tanh(c), each hidden wide
            for (int k = 0; k < 4; k++) {
                int j = k * hidden;
                sum(hh, g0 + j, bHh, bIh, j, pre, p0 + j, hh, g0 + j, vEnd);
            }
            VectorSleef.sigmoid(hh, g0, saved, s, vEnd);
            VectorSleef.sigmoid(hh, g0 + hidden, saved, s + hidden, vEnd);
            tanh(exact, hh, g0 + 2 * hidden, saved, s + 2 * hidden, vEnd);
            VectorSleef.sigmoid(hh, g0 + 3 * hidden, saved, s + 3 * hidden, vEnd);
            lstmCell(saved, s, hidden, cPrev, cPrevOff + rh, c, cOff + rh, vEnd);
            tanh(exact, c, cOff + rh, saved, s + 4 * hidden, vEnd);
            product(saved, s + 3 * hidden, saved, s + 4 * hidden, h, hOff + rh, vEnd);
            for (int j = vEnd; j < hidden; j++) {
                LstmGates.forwardAt(j, hidden, sleefEnd, exact, hh, g0, bHh, bIh, pre, p0, cPrev, cPrevOff + rh,
                        h, hOff + rh, c, cOff + rh, saved, s);
            }
        }
    }

    /** c = f · c_prev + i · g over n columns of a row whose gates are saved from s. */
    private static void lstmCell(float[] saved, int s, int hidden, float[] cPrev, int cp, float[] c, int co, int n) {
        for (int j = 0; j < n; j += L) {
            FloatVector in = FloatVector.fromArray(F, saved, s + j);
            FloatVector forget = FloatVector.fromArray(F, saved, s + hidden + j);
            FloatVector cell = FloatVector.fromArray(F, saved, s + 2 * hidden + j);
            forget.mul(FloatVector.fromArray(F, cPrev, cp + j)).add(in.mul(cell)).intoArray(c, co + j);
        }
    }

    @Override
    public void lstmBackward(int r0, int r1, int hidden, float[] dh, int dhOff, float[] dc, int dcOff,
                             float[] saved, int savedOff, float[] cPrev, int cPrevOff, float[] dPre, int dPreOff) {
        if (hidden < L) {
            PLAIN.lstmBackward(r0, r1, hidden, dh, dhOff, dc, dcOff, saved, savedOff, cPrev, cPrevOff, dPre,
                    dPreOff);
            return;
        }
        int vEnd = F.loopBound(hidden);
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (int r = r0; r < r1; r++) {
            int rh = r * hidden;
            int s = savedOff + r * 5 * hidden;
            int d = dPreOff + r * 4 * hidden;
            int j = 0;
            for (; j < vEnd; j += L) {
                FloatVector in = FloatVector.fromArray(F, saved, s + j);
                FloatVector forget = FloatVector.fromArray(F, saved, s + hidden + j);
                FloatVector cell = FloatVector.fromArray(F, saved, s + 2 * hidden + j);
                FloatVector out = FloatVector.fromArray(F, saved, s + 3 * hidden + j);
                FloatVector tc = FloatVector.fromArray(F, saved, s + 4 * hidden + j);
                FloatVector g = FloatVector.fromArray(F, dh, dhOff + rh + j);
                FloatVector dcTotal = FloatVector.fromArray(F, dc, dcOff + rh + j)
                        .add(g.mul(out).mul(one.sub(tc.mul(tc))));
                dcTotal.mul(cell).mul(in).mul(one.sub(in)).intoArray(dPre, d + j);
                dcTotal.mul(FloatVector.fromArray(F, cPrev, cPrevOff + rh + j)).mul(forget).mul(one.sub(forget))
                        .intoArray(dPre, d + hidden + j);
                dcTotal.mul(in).mul(one.sub(cell.mul(cell))).intoArray(dPre, d + 2 * hidden + j);
                g.mul(tc).mul(out).mul(one.sub(out)).intoArray(dPre, d + 3 * hidden + j);
                dcTotal.mul(forget).intoArray(dc, dcOff + rh + j);
            }
            for (; j < hidden; j++) {
                LstmGates.backwardAt(j, hidden, dh, dhOff + rh, dc, dcOff + rh, saved, s,
                        cPrev, cPrevOff + rh, dPre, d);
            }
        }
    }

    @Override
    public void gruForward(int r0, int r1, int hidden, float[] hh, float[] bHh, float[] bIh, float[] pre, int preOff,
                           float[] hPrev, int hPrevOff, float[] h, int hOff, float[] saved, int savedOff) {
        if (hidden < L) {
            PLAIN.gruForward(r0, r1, hidden, hh, bHh, bIh, pre, preOff, hPrev, hPrevOff, h, hOff, saved, savedOff);
            return;
        }
        int sleefEnd = TorchSigmoid.sleefEnd(hidden);
        int vEnd = vectorEnd(hidden);
        boolean exact = Arithmetic.exact();
        for (int r = r0; r < r1; r++) {
            int g0 = r * 3 * hidden;
            int p0 = preOff + g0;
            int rh = r * hidden;
            int s = savedOff + r * 4 * hidden;
            int jn = 2 * hidden;   // where gate n's columns start
            // saved holds the row's gates r, z, n and the hidden side of n, h_n = h·W_hnᵀ + b_hn, each hidden wide
            sum(hh, g0, bHh, bIh, 0, pre, p0, saved, s, vEnd);
            sum(hh, g0 + hidden, bHh, bIh, hidden, pre, p0 + hidden, saved, s + hidden, vEnd);
            sum(hh, g0 + jn, bHh, null, jn, null, 0, saved, s + 3 * hidden, vEnd);
            VectorSleef.sigmoid(saved, s, saved, s, vEnd);
            VectorSleef.sigmoid(saved, s + hidden, saved, s + hidden, vEnd);
            // n's argument in hh's n part, free now that h_n is saved
            gruCandidate(pre, p0 + jn, bIh, jn, saved, s, hidden, hh, g0 + jn, vEnd);
            tanh(exact, hh, g0 + jn, saved, s + jn, vEnd);
            gruMix(hPrev, hPrevOff + rh, saved, s, hidden, h, hOff + rh, vEnd);
            for (int j = vEnd; j < hidden; j++) {
                GruGates.forwardAt(j, hidden, sleefEnd, exact, hh, g0, bHh, bIh, pre, p0, hPrev, hPrevOff + rh,
                        h, hOff + rh, saved, s);
            }
        }
    }

    /**
     * dst = (x_n + b_in) + h_n · r over n columns (x_n from pre, b_in from bIh at bi or none; r, h_n saved from s):
     * the argument of n's tanh.
     */
    private static void gruCandidate(float[] pre, int pn, float[] bIh, int bi, float[] saved, int s, int hidden,
                                     float[] dst, int di, int n) {
        for (int j = 0; j < n; j += L) {
            FloatVector x = FloatVector.fromArray(F, pre, pn + j);
            if (bIh != null) {
                x = x.add(FloatVector.fromArray(F, bIh, bi + j));
            }
            FloatVector hn = FloatVector.fromArray(F, saved, s + 3 * hidden + j);
            x.add(hn.mul(FloatVector.fromArray(F, saved, s + j))).intoArray(dst, di + j);
        }
    }

    /** h = (h_prev − n) · z + n over n columns (z, n saved from s). */
    private static void gruMix(float[] hPrev, int hp, float[] saved, int s, int hidden, float[] h, int ho, int n) {
        for (int j = 0; j < n; j += L) {
            FloatVector update = FloatVector.fromArray(F, saved, s + hidden + j);
            FloatVector cand = FloatVector.fromArray(F, saved, s + 2 * hidden + j);
            FloatVector.fromArray(F, hPrev, hp + j).sub(cand).mul(update).add(cand).intoArray(h, ho + j);
        }
    }

    @Override
    public void gruBackward(int r0, int r1, int hidden, float[] dh, int dhOff, float[] saved, int savedOff,
                            float[] hPrev, int hPrevOff, float[] dPre, int dPreOff, float[] dHh, int dHhOff,
                            float[] dhPrev, int dhPrevOff) {
        if (hidden < L) {
            PLAIN.gruBackward(r0, r1, hidden, dh, dhOff, saved, savedOff, hPrev, hPrevOff, dPre, dPreOff, dHh, dHhOff,
                    dhPrev, dhPrevOff);
            return;
        }
        int vEnd = F.loopBound(hidden);
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (int r = r0; r < r1; r++) {
            int rh = r * hidden;
            int s = savedOff + r * 4 * hidden;
            int dp = dPreOff + r * 3 * hidden;
            int dq = dHhOff + r * 3 * hidden;
            int j = 0;
            for (; j < vEnd; j += L) {
                FloatVector reset = FloatVector.fromArray(F, saved, s + j);
                FloatVector update = FloatVector.fromArray(F, saved, s + hidden + j);
                FloatVector n = FloatVector.fromArray(F, saved, s + 2 * hidden + j);
                FloatVector hn = FloatVector.fromArray(F, saved, s + 3 * hidden + j);
                FloatVector g = FloatVector.fromArray(F, dh, dhOff + rh + j);
                FloatVector prev = FloatVector.fromArray(F, hPrev, hPrevOff + rh + j);
                FloatVector dn = g.mul(one.sub(update)).mul(one.sub(n.mul(n)));
                FloatVector dr = dn.mul(hn).mul(reset).mul(one.sub(reset));
                FloatVector dz = g.mul(prev.sub(n)).mul(update).mul(one.sub(update));
                dr.intoArray(dPre, dp + j);
                dz.intoArray(dPre, dp + hidden + j);
                dn.intoArray(dPre, dp + 2 * hidden + j);
                dr.intoArray(dHh, dq + j);
                dz.intoArray(dHh, dq + hidden + j);
                dn.mul(reset).intoArray(dHh, dq + 2 * hidden + j);
                g.mul(update).intoArray(dhPrev, dhPrevOff + rh + j);
            }
            for (; j < hidden; j++) {
                GruGates.backwardAt(j, hidden, dh, dhOff + rh, saved, s, hPrev, hPrevOff + rh,
                        dPre, dp, dHh, dq, dhPrev, dhPrevOff + rh);
            }
        }
    }

    @Override
    public void elmanForward(int r0, int r1, int hidden, boolean relu, float[] hh, float[] bHh, float[] bIh,
                             float[] pre, int preOff, float[] h, int hOff, float[] saved, int savedOff) {
        if (hidden < L) {
            PLAIN.elmanForward(r0, r1, hidden, relu, hh, bHh, bIh, pre, preOff, h, hOff, saved, savedOff);
            return;
        }
        int vEnd = F.loopBound(hidden);
        boolean exact = Arithmetic.exact();
        for (int r = r0; r < r1; r++) {
            int row = r * hidden;
            sum(hh, row, bHh, bIh, 0, pre, preOff + row, hh, row, vEnd);
            if (relu) {
                relu(hh, row, saved, savedOff + row, vEnd);
            } else {
                tanh(exact, hh, row, saved, savedOff + row, vEnd);
            }
            System.arraycopy(saved, savedOff + row, h, hOff + row, vEnd);
            for (int j = vEnd; j < hidden; j++) {
                ElmanGates.forwardAt(row + j, j, relu, exact, hh, bHh, bIh, pre, preOff, h, hOff, saved, savedOff);
            }
        }
    }

    /** dst = max(x, 0) over n floats, as the scalar v > 0 ? v : 0. */
    private static void relu(float[] x, int xi, float[] dst, int di, int n) {
        for (int j = 0; j < n; j += L) {
            FloatVector v = FloatVector.fromArray(F, x, xi + j);
            FloatVector.zero(F).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(dst, di + j);
        }
    }

    @Override
    public void elmanBackward(int r0, int r1, int hidden, boolean relu, float[] dh, int dhOff, float[] saved,
                              int savedOff, float[] dPre, int dPreOff) {
        if (hidden < L) {
            PLAIN.elmanBackward(r0, r1, hidden, relu, dh, dhOff, saved, savedOff, dPre, dPreOff);
            return;
        }
        int start = r0 * hidden;
        int end = r1 * hidden;
        int vEnd = start + F.loopBound(end - start);
        FloatVector one = FloatVector.broadcast(F, 1f);
        int i = start;
        for (; i < vEnd; i += L) {
            FloatVector out = FloatVector.fromArray(F, saved, savedOff + i);
            FloatVector g = FloatVector.fromArray(F, dh, dhOff + i);
            FloatVector d = relu
                    ? FloatVector.zero(F).blend(g, out.compare(VectorOperators.GT, 0f))
                    : g.mul(one.sub(out.mul(out)));
            d.intoArray(dPre, dPreOff + i);
        }
        for (; i < end; i++) {
            ElmanGates.backwardAt(i, relu, dh, dhOff, saved, savedOff, dPre, dPreOff);
        }
    }

    @Override
    public void exp(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        int vEnd = F.loopBound(n);
        VectorSleef.exp(src, srcOff, dst, dstOff, vEnd);
        for (int i = vEnd; i < n; i++) {
            dst[dstOff + i] = SleefFloat.exp(src[srcOff + i]);
        }
    }

    @Override
    public String toString() {
        return "VectorGateRows (" + F.length() + " float lanes)";
    }
}
