package dev.rnn4j.internal.kernel.gates;

/** {@link GateRows} in plain Java: each cell's own row loop. */
final class PlainGateRows implements GateRows {

    @Override
    public void lstmForward(int r0, int r1, int hidden, float[] hh, float[] bHh, float[] bIh, float[] pre, int preOff,
                            float[] cPrev, int cPrevOff, float[] h, int hOff, float[] c, int cOff,
                            float[] saved, int savedOff) {
        LstmGates.forwardRows(r0, r1, hidden, hh, bHh, bIh, pre, preOff, cPrev, cPrevOff, h, hOff, c, cOff, saved,
                savedOff);
    }

    @Override
    public void lstmBackward(int r0, int r1, int hidden, float[] dh, int dhOff, float[] dc, int dcOff,
                             float[] saved, int savedOff, float[] cPrev, int cPrevOff, float[] dPre, int dPreOff) {
        LstmGates.backwardRows(r0, r1, hidden, dh, dhOff, dc, dcOff, saved, savedOff, cPrev, cPrevOff, dPre,
                dPreOff);
    }

    @Override
    public void gruForward(int r0, int r1, int hidden, float[] hh, float[] bHh, float[] bIh, float[] pre, int preOff,
                           float[] hPrev, int hPrevOff, float[] h, int hOff, float[] saved, int savedOff) {
        GruGates.forwardRows(r0, r1, hidden, hh, bHh, bIh, pre, preOff, hPrev, hPrevOff, h, hOff, saved, savedOff);
    }

    @Override
    public void gruBackward(int r0, int r1, int hidden, float[] dh, int dhOff, float[] saved, int savedOff,
                            float[] hPrev, int hPrevOff, float[] dPre, int dPreOff, float[] dHh, int dHhOff,
                            float[] dhPrev, int dhPrevOff) {
        GruGates.backwardRows(r0, r1, hidden, dh, dhOff, saved, savedOff, hPrev, hPrevOff, dPre, dPreOff, dHh,
                dHhOff, dhPrev, dhPrevOff);
    }

    @Override
    public void elmanForward(int r0, int r1, int hidden, boolean relu, float[] hh, float[] bHh, float[] bIh,
                             float[] pre, int preOff, float[] h, int hOff, float[] saved, int savedOff) {
        ElmanGates.forwardRows(r0, r1, hidden, relu, hh, bHh, bIh, pre, preOff, h, hOff, saved, savedOff);
    }

    @Override
    public void elmanBackward(int r0, int r1, int hidden, boolean relu, float[] dh, int dhOff, float[] saved,
                              int savedOff, float[] dPre, int dPreOff) {
        ElmanGates.backwardRows(r0, r1, hidden, relu, dh, dhOff, saved, savedOff, dPre, dPreOff);
    }

    @Override
    public void exp(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dstOff + i] = SleefFloat.exp(src[srcOff + i]);
        }
    }

    @Override
    public String toString() {
        return "plain Java";
    }
}
