package dev.rnn4j.kernel;

/**
 * The GRU step with PyTorch's gate order r, z, n and its "linear before reset" form:
 * r = σ(h_r + i_r), z = σ(h_z + i_z), n = tanh(i_n + h_n·r), h' = (h − n)·z + n, where
 * h_* = h·W_h*ᵀ + b_h* (b_hn stays inside h_n, under the reset gate) and i_* = x·W_i*ᵀ + b_i*.
 */
public final class GruGates implements GateMath {

    private final int hidden;

    public GruGates(int hidden) {
        this.hidden = hidden;
    }

    @Override
    public int gates() {
        return 3;
    }

    /** r, z, n and h_n. */
    @Override
    public int savedPerRow() {
        return 4 * hidden;
    }

    @Override
    public boolean hasDirectPath() {
        return true;
    }

    @Override
    public boolean splitsGateGradient() {
        return true;
    }

    @Override
    public void forward(int rows, float[] hh, float[] bHh, float[] pre, int preOff,
                        float[] hPrev, int hPrevOff, float[] cPrev, int cPrevOff,
                        float[] h, int hOff, float[] c, int cOff, float[] saved, int savedOff) {
        int gh = 3 * hidden;
        for (int r = 0; r < rows; r++) {
            int g0 = r * gh;
            int p0 = preOff + g0;
            int s = savedOff + r * 4 * hidden;
            for (int j = 0; j < hidden; j++) {
                float hr = bHh == null ? hh[g0 + j] : hh[g0 + j] + bHh[j];
                float hz = bHh == null ? hh[g0 + hidden + j] : hh[g0 + hidden + j] + bHh[hidden + j];
                float hn = bHh == null ? hh[g0 + 2 * hidden + j] : hh[g0 + 2 * hidden + j] + bHh[2 * hidden + j];
                float reset = GateMath.sigmoid(hr + pre[p0 + j]);
                float update = GateMath.sigmoid(hz + pre[p0 + hidden + j]);
                float n = GateMath.tanh(pre[p0 + 2 * hidden + j] + hn * reset);
                float prev = hPrev[hPrevOff + r * hidden + j];
                h[hOff + r * hidden + j] = (prev - n) * update + n;
                saved[s + j] = reset;
                saved[s + hidden + j] = update;
                saved[s + 2 * hidden + j] = n;
                saved[s + 3 * hidden + j] = hn;
            }
        }
    }

    @Override
    public void backward(int rows, float[] dh, int dhOff, float[] dc, int dcOff, float[] saved, int savedOff,
                         float[] hPrev, int hPrevOff, float[] cPrev, int cPrevOff,
                         float[] dPre, int dPreOff, float[] dHh, int dHhOff, float[] dhPrev, int dhPrevOff) {
        int gh = 3 * hidden;
        for (int r = 0; r < rows; r++) {
            int s = savedOff + r * 4 * hidden;
            int dp = dPreOff + r * gh;
            int dq = dHhOff + r * gh;
            for (int j = 0; j < hidden; j++) {
                float reset = saved[s + j];
                float update = saved[s + hidden + j];
                float n = saved[s + 2 * hidden + j];
                float hn = saved[s + 3 * hidden + j];
                float g = dh[dhOff + r * hidden + j];
                float prev = hPrev[hPrevOff + r * hidden + j];
                float dn = g * (1f - update) * (1f - n * n);
                float dr = dn * hn * reset * (1f - reset);
                float dz = g * (prev - n) * update * (1f - update);
                dPre[dp + j] = dr;
                dPre[dp + hidden + j] = dz;
                dPre[dp + 2 * hidden + j] = dn;
                dHh[dq + j] = dr;
                dHh[dq + hidden + j] = dz;
                dHh[dq + 2 * hidden + j] = dn * reset;
                dhPrev[dhPrevOff + r * hidden + j] = g * update;
            }
        }
    }
}
