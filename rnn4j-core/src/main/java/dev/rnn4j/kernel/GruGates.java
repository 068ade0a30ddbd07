package dev.rnn4j.kernel;

/**
 * The GRU step with PyTorch's gate order r, z, n and its "linear before reset" form:
 * r = σ(h_r + i_r), z = σ(h_z + i_z), n = tanh(i_n + h_n·r), h' = (h − n)·z + n, where
 * h_* = h·W_h*ᵀ + b_h* (b_hn stays inside h_n, under the reset gate) and i_* = x·W_i*ᵀ + b_i*.
 * The loops are {@link GateRows}' (vectorised when the Vector API is there, split over rows when large).
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
        GateRows impl = GateRows.get();
        GateRows.forRows(rows, hidden, (r0, r1) -> impl.gruForward(r0, r1, hidden, hh, bHh, pre, preOff,
                hPrev, hPrevOff, h, hOff, saved, savedOff));
    }

    @Override
    public void backward(int rows, float[] dh, int dhOff, float[] dc, int dcOff, float[] saved, int savedOff,
                         float[] hPrev, int hPrevOff, float[] cPrev, int cPrevOff,
                         float[] dPre, int dPreOff, float[] dHh, int dHhOff, float[] dhPrev, int dhPrevOff) {
        GateRows impl = GateRows.get();
        GateRows.backwardRows(rows, hidden, (r0, r1) -> impl.gruBackward(r0, r1, hidden, dh, dhOff, saved, savedOff,
                hPrev, hPrevOff, dPre, dPreOff, dHh, dHhOff, dhPrev, dhPrevOff));
    }
}
