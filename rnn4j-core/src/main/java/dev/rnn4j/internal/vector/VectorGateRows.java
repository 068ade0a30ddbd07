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
 * the cells' own element functions ({@link LstmGates#forwardAt} and the like) for the rest. The forward passes go over a row in several sweeps
 * (gates, activations with {@link VectorSleef}'s array loops, state update), keeping intermediate values in the
 * scratch hh and in saved, because a vector must never cross a call that is not inlined (see VectorSleef). Each vector statement is the scalar one lane-wise,
 * in the same order, so results equal {@link GateRows#PLAIN} bit for bit.
 */
final class VectorGateRows implements GateRows {
    // A row narrower than one vector goes to the plain loops: no vector lane would run, and a JIT profile taken on
    // such rows alone would leave the vector loops compiled as never entered for the wide rows that come later.
    private static final VectorSpecies<Float> F = VectorSleef.F;

    private static FloatVector load(float[] a, int off) {
        return FloatVector.fromArray(F, a, off);
    }

    /** (hh + b) + pre, or hh + pre without bias, as the scalar code rounds it. */
    private static FloatVector gate(float[] hh, int hi, float[] bHh, int bi, float[] pre, int pi) {
        FloatVector v = load(hh, hi);
        if (bHh != null) {
            v = v.add(load(bHh, bi));
        }
        return v.add(load(pre, pi));
    }

    private static FloatVector hidden(float[] hh, int hi, float[] bHh, int bi) {
        FloatVector v = load(hh, hi);
        return bHh == null ? v : v.add(load(bHh, bi));
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
    public void lstmForward(int r0, int r1, int hidden, float[] hh, float[] bHh, float[] pre, int preOff,
                            float[] cPrev, int cPrevOff, float[] h, int hOff, float[] c, int cOff,
                            float[] saved, int savedOff) {
        if (hidden < F.length()) {
            PLAIN.lstmForward(r0, r1, hidden, hh, bHh, pre, preOff, cPrev, cPrevOff, h, hOff, c, cOff, saved,
                    savedOff);
            return;
        }
        int sleefEnd = TorchSigmoid.sleefEnd(hidden);
        int vEnd = vectorEnd(hidden);
        int L = F.length();
        boolean exact = Arithmetic.exact();
        for (int r = r0; r < r1; r++) {
            int g0 = r * 4 * hidden;
            int p0 = preOff + g0;
            int rh = r * hidden;
            int s = savedOff + r * 5 * hidden;
            // the gates of columns [0, vEnd) in place in hh (scratch), then their activations in place
            for (int k = 0; k < 4; k++) {
                for (int j = k * hidden; j < k * hidden + vEnd; j += L) {
                    gate(hh, g0 + j, bHh, j, pre, p0 + j).intoArray(hh, g0 + j);
                }
            }
            VectorSleef.sigmoid(hh, g0, saved, s, vEnd);
            VectorSleef.sigmoid(hh, g0 + hidden, saved, s + hidden, vEnd);
            tanh(exact, hh, g0 + 2 * hidden, saved, s + 2 * hidden, vEnd);
            VectorSleef.sigmoid(hh, g0 + 3 * hidden, saved, s + 3 * hidden, vEnd);
            for (int j = 0; j < vEnd; j += L) {
                FloatVector in = load(saved, s + j);
                FloatVector forget = load(saved, s + hidden + j);
                FloatVector cell = load(saved, s + 2 * hidden + j);
                forget.mul(load(cPrev, cPrevOff + rh + j)).add(in.mul(cell)).intoArray(c, cOff + rh + j);
            }
            tanh(exact, c, cOff + rh, saved, s + 4 * hidden, vEnd);
            for (int j = 0; j < vEnd; j += L) {
                load(saved, s + 3 * hidden + j).mul(load(saved, s + 4 * hidden + j)).intoArray(h, hOff + rh + j);
            }
            for (int j = vEnd; j < hidden; j++) {
                LstmGates.forwardAt(j, hidden, sleefEnd, exact, hh, g0, bHh, pre, p0, cPrev, cPrevOff + rh,
                        h, hOff + rh, c, cOff + rh, saved, s);
            }
        }
    }


    @Override
    public void lstmBackward(int r0, int r1, int hidden, float[] dh, int dhOff, float[] dc, int dcOff,
                             float[] saved, int savedOff, float[] cPrev, int cPrevOff, float[] dPre, int dPreOff) {
        if (hidden < F.length()) {
            PLAIN.lstmBackward(r0, r1, hidden, dh, dhOff, dc, dcOff, saved, savedOff, cPrev, cPrevOff, dPre,
                    dPreOff);
            return;
        }
        int vEnd = F.loopBound(hidden);
        int L = F.length();
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (int r = r0; r < r1; r++) {
            int rh = r * hidden;
            int s = savedOff + r * 5 * hidden;
            int d = dPreOff + r * 4 * hidden;
            int j = 0;
            for (; j < vEnd; j += L) {
                FloatVector in = load(saved, s + j);
                FloatVector forget = load(saved, s + hidden + j);
                FloatVector cell = load(saved, s + 2 * hidden + j);
                FloatVector out = load(saved, s + 3 * hidden + j);
                FloatVector tc = load(saved, s + 4 * hidden + j);
                FloatVector g = load(dh, dhOff + rh + j);
                FloatVector dcTotal = load(dc, dcOff + rh + j).add(g.mul(out).mul(one.sub(tc.mul(tc))));
                dcTotal.mul(cell).mul(in).mul(one.sub(in)).intoArray(dPre, d + j);
                dcTotal.mul(load(cPrev, cPrevOff + rh + j)).mul(forget).mul(one.sub(forget))
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
    public void gruForward(int r0, int r1, int hidden, float[] hh, float[] bHh, float[] pre, int preOff,
                           float[] hPrev, int hPrevOff, float[] h, int hOff, float[] saved, int savedOff) {
        if (hidden < F.length()) {
            PLAIN.gruForward(r0, r1, hidden, hh, bHh, pre, preOff, hPrev, hPrevOff, h, hOff, saved, savedOff);
            return;
        }
        int sleefEnd = TorchSigmoid.sleefEnd(hidden);
        int vEnd = vectorEnd(hidden);
        int L = F.length();
        boolean exact = Arithmetic.exact();
        for (int r = r0; r < r1; r++) {
            int g0 = r * 3 * hidden;
            int p0 = preOff + g0;
            int rh = r * hidden;
            int s = savedOff + r * 4 * hidden;
            for (int j = 0; j < vEnd; j += L) {
                int jz = hidden + j;
                int jn = 2 * hidden + j;
                hidden(hh, g0 + j, bHh, j).add(load(pre, p0 + j)).intoArray(saved, s + j);
                hidden(hh, g0 + jz, bHh, jz).add(load(pre, p0 + jz)).intoArray(saved, s + jz);
                hidden(hh, g0 + jn, bHh, jn).intoArray(saved, s + 3 * hidden + j);
            }
            VectorSleef.sigmoid(saved, s, saved, s, vEnd);
            VectorSleef.sigmoid(saved, s + hidden, saved, s + hidden, vEnd);
            for (int j = 0; j < vEnd; j += L) {
                FloatVector hn = load(saved, s + 3 * hidden + j);
                load(pre, p0 + 2 * hidden + j).add(hn.mul(load(saved, s + j))).intoArray(saved, s + 2 * hidden + j);
            }
            tanh(exact, saved, s + 2 * hidden, saved, s + 2 * hidden, vEnd);
            for (int j = 0; j < vEnd; j += L) {
                FloatVector update = load(saved, s + hidden + j);
                FloatVector n = load(saved, s + 2 * hidden + j);
                load(hPrev, hPrevOff + rh + j).sub(n).mul(update).add(n).intoArray(h, hOff + rh + j);
            }
            for (int j = vEnd; j < hidden; j++) {
                GruGates.forwardAt(j, hidden, sleefEnd, exact, hh, g0, bHh, pre, p0, hPrev, hPrevOff + rh,
                        h, hOff + rh, saved, s);
            }
        }
    }


    @Override
    public void gruBackward(int r0, int r1, int hidden, float[] dh, int dhOff, float[] saved, int savedOff,
                            float[] hPrev, int hPrevOff, float[] dPre, int dPreOff, float[] dHh, int dHhOff,
                            float[] dhPrev, int dhPrevOff) {
        if (hidden < F.length()) {
            PLAIN.gruBackward(r0, r1, hidden, dh, dhOff, saved, savedOff, hPrev, hPrevOff, dPre, dPreOff, dHh, dHhOff,
                    dhPrev, dhPrevOff);
            return;
        }
        int vEnd = F.loopBound(hidden);
        int L = F.length();
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (int r = r0; r < r1; r++) {
            int rh = r * hidden;
            int s = savedOff + r * 4 * hidden;
            int dp = dPreOff + r * 3 * hidden;
            int dq = dHhOff + r * 3 * hidden;
            int j = 0;
            for (; j < vEnd; j += L) {
                FloatVector reset = load(saved, s + j);
                FloatVector update = load(saved, s + hidden + j);
                FloatVector n = load(saved, s + 2 * hidden + j);
                FloatVector hn = load(saved, s + 3 * hidden + j);
                FloatVector g = load(dh, dhOff + rh + j);
                FloatVector prev = load(hPrev, hPrevOff + rh + j);
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
    public void elmanForward(int r0, int r1, int hidden, boolean relu, float[] hh, float[] bHh, float[] pre,
                             int preOff, float[] h, int hOff, float[] saved, int savedOff) {
        if (hidden < F.length()) {
            PLAIN.elmanForward(r0, r1, hidden, relu, hh, bHh, pre, preOff, h, hOff, saved, savedOff);
            return;
        }
        int L = F.length();
        int vEnd = F.loopBound(hidden);
        boolean exact = Arithmetic.exact();
        for (int r = r0; r < r1; r++) {
            int row = r * hidden;
            for (int j = 0; j < vEnd; j += L) {
                int i = row + j;
                FloatVector v = gate(hh, i, bHh, j, pre, preOff + i);
                if (relu) {
                    v = FloatVector.zero(F).blend(v, v.compare(VectorOperators.GT, 0f));
                }
                v.intoArray(saved, savedOff + i);
            }
            if (!relu) {
                tanh(exact, saved, savedOff + row, saved, savedOff + row, vEnd);
            }
            System.arraycopy(saved, savedOff + row, h, hOff + row, vEnd);
            for (int j = vEnd; j < hidden; j++) {
                ElmanGates.forwardAt(row + j, j, relu, exact, hh, bHh, pre, preOff, h, hOff, saved, savedOff);
            }
        }
    }


    @Override
    public void elmanBackward(int r0, int r1, int hidden, boolean relu, float[] dh, int dhOff, float[] saved,
                              int savedOff, float[] dPre, int dPreOff) {
        if (hidden < F.length()) {
            PLAIN.elmanBackward(r0, r1, hidden, relu, dh, dhOff, saved, savedOff, dPre, dPreOff);
            return;
        }
        int L = F.length();
        int start = r0 * hidden;
        int end = r1 * hidden;
        int vEnd = start + F.loopBound(end - start);
        FloatVector one = FloatVector.broadcast(F, 1f);
        int i = start;
        for (; i < vEnd; i += L) {
            FloatVector out = load(saved, savedOff + i);
            FloatVector g = load(dh, dhOff + i);
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
