package dev.rnn4j.kernel;

/**
 * The Elman step: h' = act((h·W_hhᵀ + b_hh) + (x·W_ihᵀ + b_ih)), act = tanh or relu.
 * The loops are {@link GateRows}' (vectorised when the Vector API is there, split over rows when large).
 */
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
        GateRows impl = GateRows.get();
        GateRows.forRows(rows, hidden, (r0, r1) -> impl.elmanForward(r0, r1, hidden, relu, hh, bHh, pre, preOff,
                h, hOff, saved, savedOff));
    }

    @Override
    public void backward(int rows, float[] dh, int dhOff, float[] dc, int dcOff, float[] saved, int savedOff,
                         float[] hPrev, int hPrevOff, float[] cPrev, int cPrevOff,
                         float[] dPre, int dPreOff, float[] dHh, int dHhOff, float[] dhPrev, int dhPrevOff) {
        GateRows impl = GateRows.get();
        GateRows.backwardRows(rows, hidden, (r0, r1) -> impl.elmanBackward(r0, r1, hidden, relu, dh, dhOff,
                saved, savedOff, dPre, dPreOff));
    }
}
