package dev.rnn4j.kernel;

/** The Elman step: h' = act((h·W_hhᵀ + b_hh) + (x·W_ihᵀ + b_ih)), act = tanh or relu. */
public final class ElmanGates implements GateMath {

    private final int hidden;
    private final boolean relu;

    public ElmanGates(int hidden, boolean relu) {
        this.hidden = hidden;
        this.relu = relu;
    }

    @Override
    public int gates() {
        return 1;
    }

    @Override
    public int savedPerRow() {
        return hidden;   // h', from which both derivatives are written
    }

    @Override
    public void forward(int rows, float[] hh, float[] bHh, float[] pre, int preOff,
                        float[] hPrev, int hPrevOff, float[] cPrev, int cPrevOff,
                        float[] h, int hOff, float[] c, int cOff, float[] saved, int savedOff) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < hidden; j++) {
                int i = r * hidden + j;
                float gate = bHh == null ? hh[i] : hh[i] + bHh[j];
                float v = gate + pre[preOff + i];
                float out = relu ? (v > 0f ? v : 0f) : GateMath.tanh(v);
                h[hOff + i] = out;
                saved[savedOff + i] = out;
            }
        }
    }

    @Override
    public void backward(int rows, float[] dh, int dhOff, float[] dc, int dcOff, float[] saved, int savedOff,
                         float[] hPrev, int hPrevOff, float[] cPrev, int cPrevOff,
                         float[] dPre, int dPreOff, float[] dHh, int dHhOff, float[] dhPrev, int dhPrevOff) {
        for (int i = 0; i < rows * hidden; i++) {
            float out = saved[savedOff + i];
            float g = dh[dhOff + i];
            dPre[dPreOff + i] = relu ? (out > 0f ? g : 0f) : g * (1f - out * out);
        }
    }
}
