package dev.rnn4j.kernel;

/**
 * The LSTM step with PyTorch's gate order i, f, g, o:
 * gates = (h·W_hhᵀ + b_hh) + (x·W_ihᵀ + b_ih); i, f, o = σ(…), g = tanh(…);
 * c' = (f·c) + (i·g); h' = o·tanh(c'). A projection of h' is the caller's GEMM.
 * The loops are {@link GateRows}' (vectorised when the Vector API is there, split over rows when large).
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
        GateRows impl = GateRows.get();
        GateRows.forRows(rows, hidden, (r0, r1) -> impl.lstmForward(r0, r1, hidden, hh, bHh, pre, preOff,
                cPrev, cPrevOff, h, hOff, c, cOff, saved, savedOff));
    }

    @Override
    public void backward(int rows, float[] dh, int dhOff, float[] dc, int dcOff, float[] saved, int savedOff,
                         float[] hPrev, int hPrevOff, float[] cPrev, int cPrevOff,
                         float[] dPre, int dPreOff, float[] dHh, int dHhOff, float[] dhPrev, int dhPrevOff) {
        GateRows impl = GateRows.get();
        GateRows.backwardRows(rows, hidden, (r0, r1) -> impl.lstmBackward(r0, r1, hidden, dh, dhOff, dc, dcOff,
                saved, savedOff, cPrev, cPrevOff, dPre, dPreOff));
    }
}
