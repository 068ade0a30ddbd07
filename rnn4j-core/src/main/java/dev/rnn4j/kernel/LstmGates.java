package dev.rnn4j.kernel;

/**
 * The LSTM step with PyTorch's gate order i, f, g, o:
 * gates = (h·W_hhᵀ + b_hh) + (x·W_ihᵀ + b_ih); i, f, o = σ(…), g = tanh(…);
 * c' = (f·c) + (i·g); h' = o·tanh(c'). A projection of h' is the caller's GEMM.
 */
public final class LstmGates implements GateMath {

    private final int hidden;

    public LstmGates(int hidden) {
        this.hidden = hidden;
    }

    @Override
    public int gates() {
        return 4;
    }

    @Override
    public boolean hasCell() {
        return true;
    }

    /** i, f, g, o after their activations, then tanh(c'). */
    @Override
    public int savedPerRow() {
        return 5 * hidden;
    }

    @Override
    public void forward(int rows, float[] hh, float[] bHh, float[] pre, int preOff,
                        float[] hPrev, int hPrevOff, float[] cPrev, int cPrevOff,
                        float[] h, int hOff, float[] c, int cOff, float[] saved, int savedOff) {
        int gh = 4 * hidden;
        for (int r = 0; r < rows; r++) {
            int g0 = r * gh;
            for (int j = 0; j < gh; j++) {
                float gate = bHh == null ? hh[g0 + j] : hh[g0 + j] + bHh[j];
                hh[g0 + j] = gate + pre[preOff + g0 + j];
            }
            int s = savedOff + r * 5 * hidden;
            for (int j = 0; j < hidden; j++) {
                float in = GateMath.sigmoid(hh[g0 + j]);
                float forget = GateMath.sigmoid(hh[g0 + hidden + j]);
                float cell = GateMath.tanh(hh[g0 + 2 * hidden + j]);
                float out = GateMath.sigmoid(hh[g0 + 3 * hidden + j]);
                float cNew = forget * cPrev[cPrevOff + r * hidden + j] + in * cell;
                float tc = GateMath.tanh(cNew);
                c[cOff + r * hidden + j] = cNew;
                h[hOff + r * hidden + j] = out * tc;
                saved[s + j] = in;
                saved[s + hidden + j] = forget;
                saved[s + 2 * hidden + j] = cell;
                saved[s + 3 * hidden + j] = out;
                saved[s + 4 * hidden + j] = tc;
            }
        }
    }

    @Override
    public void backward(int rows, float[] dh, int dhOff, float[] dc, int dcOff, float[] saved, int savedOff,
                         float[] hPrev, int hPrevOff, float[] cPrev, int cPrevOff,
                         float[] dPre, int dPreOff, float[] dHh, int dHhOff, float[] dhPrev, int dhPrevOff) {
        int gh = 4 * hidden;
        for (int r = 0; r < rows; r++) {
            int s = savedOff + r * 5 * hidden;
            int d = dPreOff + r * gh;
            for (int j = 0; j < hidden; j++) {
                float in = saved[s + j];
                float forget = saved[s + hidden + j];
                float cell = saved[s + 2 * hidden + j];
                float out = saved[s + 3 * hidden + j];
                float tc = saved[s + 4 * hidden + j];
                float g = dh[dhOff + r * hidden + j];
                int ci = dcOff + r * hidden + j;
                float dcTotal = dc[ci] + g * out * (1f - tc * tc);
                dPre[d + j] = dcTotal * cell * in * (1f - in);
                dPre[d + hidden + j] = dcTotal * cPrev[cPrevOff + r * hidden + j] * forget * (1f - forget);
                dPre[d + 2 * hidden + j] = dcTotal * in * (1f - cell * cell);
                dPre[d + 3 * hidden + j] = g * tc * out * (1f - out);
                dc[ci] = dcTotal * forget;
            }
        }
    }
}
