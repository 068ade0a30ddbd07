package dev.rnn4j.kernel;

/**
 * The gate loops in plain Java, one element at a time. The static element functions are also the scalar tail
 * of {@code VectorGateRows}, whose vector body repeats their float operations in the same order.
 */
final class ScalarGateRows implements GateRows {

    /** σ of gate column j: Sleef's inside PyTorch's vectorised blocks, the scalar formula after them. */
    static float sigmoidAt(float v, int j, int sleefEnd) {
        return j < sleefEnd ? SleefFloat.sigmoid(v) : GateMath.sigmoid(v);
    }

    /** LSTM column j of one row; g0, p0, cp, ho, co, s: that row's offsets in hh, pre, cPrev, h, c, saved. */
    static void lstmAt(int j, int hidden, int sleefEnd, float[] hh, int g0, float[] bHh, float[] pre, int p0,
                       float[] cPrev, int cp, float[] h, int ho, float[] c, int co, float[] saved, int s) {
        int jf = hidden + j;
        int jg = 2 * hidden + j;
        int jo = 3 * hidden + j;
        float gi = (bHh == null ? hh[g0 + j] : hh[g0 + j] + bHh[j]) + pre[p0 + j];
        float gf = (bHh == null ? hh[g0 + jf] : hh[g0 + jf] + bHh[jf]) + pre[p0 + jf];
        float gg = (bHh == null ? hh[g0 + jg] : hh[g0 + jg] + bHh[jg]) + pre[p0 + jg];
        float go = (bHh == null ? hh[g0 + jo] : hh[g0 + jo] + bHh[jo]) + pre[p0 + jo];
        float in = sigmoidAt(gi, j, sleefEnd);
        float forget = sigmoidAt(gf, j, sleefEnd);
        float cell = SleefFloat.tanh(gg);
        float out = sigmoidAt(go, j, sleefEnd);
        float cNew = forget * cPrev[cp + j] + in * cell;
        float tc = SleefFloat.tanh(cNew);
        c[co + j] = cNew;
        h[ho + j] = out * tc;
        saved[s + j] = in;
        saved[s + jf] = forget;
        saved[s + jg] = cell;
        saved[s + jo] = out;
        saved[s + 4 * hidden + j] = tc;
    }

    static void lstmBackAt(int j, int hidden, float[] dh, int dho, float[] dc, int dco, float[] saved, int s,
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

    static void gruAt(int j, int hidden, int sleefEnd, float[] hh, int g0, float[] bHh, float[] pre, int p0,
                      float[] hPrev, int hp, float[] h, int ho, float[] saved, int s) {
        int jz = hidden + j;
        int jn = 2 * hidden + j;
        float hr = bHh == null ? hh[g0 + j] : hh[g0 + j] + bHh[j];
        float hz = bHh == null ? hh[g0 + jz] : hh[g0 + jz] + bHh[jz];
        float hn = bHh == null ? hh[g0 + jn] : hh[g0 + jn] + bHh[jn];
        float reset = sigmoidAt(hr + pre[p0 + j], j, sleefEnd);
        float update = sigmoidAt(hz + pre[p0 + jz], j, sleefEnd);
        float n = SleefFloat.tanh(pre[p0 + jn] + hn * reset);
        float prev = hPrev[hp + j];
        h[ho + j] = (prev - n) * update + n;
        saved[s + j] = reset;
        saved[s + jz] = update;
        saved[s + jn] = n;
        saved[s + 3 * hidden + j] = hn;
    }

    static void gruBackAt(int j, int hidden, float[] dh, int dho, float[] saved, int s, float[] hPrev, int hp,
                          float[] dPre, int dp, float[] dHh, int dq, float[] dhPrev, int dhp) {
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

    /** Elman element i (flat over rows · H); j = i mod H indexes the bias. */
    static void elmanAt(int i, int j, boolean relu, float[] hh, float[] bHh, float[] pre, int preOff,
                        float[] h, int hOff, float[] saved, int savedOff) {
        float gate = bHh == null ? hh[i] : hh[i] + bHh[j];
        float v = gate + pre[preOff + i];
        float out = relu ? (v > 0f ? v : 0f) : SleefFloat.tanh(v);
        h[hOff + i] = out;
        saved[savedOff + i] = out;
    }

    static void elmanBackAt(int i, boolean relu, float[] dh, int dhOff, float[] saved, int savedOff,
                            float[] dPre, int dPreOff) {
        float out = saved[savedOff + i];
        float g = dh[dhOff + i];
        dPre[dPreOff + i] = relu ? (out > 0f ? g : 0f) : g * (1f - out * out);
    }

    @Override
    public void lstmForward(int r0, int r1, int hidden, float[] hh, float[] bHh, float[] pre, int preOff,
                            float[] cPrev, int cPrevOff, float[] h, int hOff, float[] c, int cOff,
                            float[] saved, int savedOff) {
        int sleefEnd = GateRows.sleefSigmoidEnd(hidden);
        for (int r = r0; r < r1; r++) {
            int g0 = r * 4 * hidden;
            int rh = r * hidden;
            int s = savedOff + r * 5 * hidden;
            for (int j = 0; j < hidden; j++) {
                lstmAt(j, hidden, sleefEnd, hh, g0, bHh, pre, preOff + g0, cPrev, cPrevOff + rh,
                        h, hOff + rh, c, cOff + rh, saved, s);
            }
        }
    }

    @Override
    public void lstmBackward(int r0, int r1, int hidden, float[] dh, int dhOff, float[] dc, int dcOff,
                             float[] saved, int savedOff, float[] cPrev, int cPrevOff, float[] dPre, int dPreOff) {
        for (int r = r0; r < r1; r++) {
            int rh = r * hidden;
            int s = savedOff + r * 5 * hidden;
            int d = dPreOff + r * 4 * hidden;
            for (int j = 0; j < hidden; j++) {
                lstmBackAt(j, hidden, dh, dhOff + rh, dc, dcOff + rh, saved, s, cPrev, cPrevOff + rh, dPre, d);
            }
        }
    }

    @Override
    public void gruForward(int r0, int r1, int hidden, float[] hh, float[] bHh, float[] pre, int preOff,
                           float[] hPrev, int hPrevOff, float[] h, int hOff, float[] saved, int savedOff) {
        int sleefEnd = GateRows.sleefSigmoidEnd(hidden);
        for (int r = r0; r < r1; r++) {
            int g0 = r * 3 * hidden;
            int rh = r * hidden;
            int s = savedOff + r * 4 * hidden;
            for (int j = 0; j < hidden; j++) {
                gruAt(j, hidden, sleefEnd, hh, g0, bHh, pre, preOff + g0, hPrev, hPrevOff + rh, h, hOff + rh, saved, s);
            }
        }
    }

    @Override
    public void gruBackward(int r0, int r1, int hidden, float[] dh, int dhOff, float[] saved, int savedOff,
                            float[] hPrev, int hPrevOff, float[] dPre, int dPreOff, float[] dHh, int dHhOff,
                            float[] dhPrev, int dhPrevOff) {
        for (int r = r0; r < r1; r++) {
            int rh = r * hidden;
            int s = savedOff + r * 4 * hidden;
            int g = r * 3 * hidden;
            for (int j = 0; j < hidden; j++) {
                gruBackAt(j, hidden, dh, dhOff + rh, saved, s, hPrev, hPrevOff + rh, dPre, dPreOff + g,
                        dHh, dHhOff + g, dhPrev, dhPrevOff + rh);
            }
        }
    }

    @Override
    public void elmanForward(int r0, int r1, int hidden, boolean relu, float[] hh, float[] bHh, float[] pre,
                             int preOff, float[] h, int hOff, float[] saved, int savedOff) {
        for (int r = r0; r < r1; r++) {
            for (int j = 0; j < hidden; j++) {
                elmanAt(r * hidden + j, j, relu, hh, bHh, pre, preOff, h, hOff, saved, savedOff);
            }
        }
    }

    @Override
    public void elmanBackward(int r0, int r1, int hidden, boolean relu, float[] dh, int dhOff, float[] saved,
                              int savedOff, float[] dPre, int dPreOff) {
        for (int i = r0 * hidden; i < r1 * hidden; i++) {
            elmanBackAt(i, relu, dh, dhOff, saved, savedOff, dPre, dPreOff);
        }
    }

    @Override
    public String toString() {
        return "ScalarGateRows";
    }
}
