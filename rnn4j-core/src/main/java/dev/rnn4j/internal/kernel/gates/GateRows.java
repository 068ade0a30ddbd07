package dev.rnn4j.internal.kernel.gates;

/**
 * The gate kernels: each cell's element-wise step over a range of rows [r0, r1), so that a step can be split over
 * threads by rows. The math and the argument shapes are in {@link LstmGates}, {@link GruGates} and
 * {@link ElmanGates}; {@link #PLAIN} runs their plain-Java row loops, and the Vector API implementation gives the
 * same bits. {@code Kernels} chooses one for the JVM.
 */
public interface GateRows {

    void lstmForward(int r0, int r1, int hidden, float[] hh, float[] bHh, float[] bIh, float[] pre, int preOff,
                     float[] cPrev, int cPrevOff, float[] h, int hOff, float[] c, int cOff, float[] saved, int savedOff);

    void lstmBackward(int r0, int r1, int hidden, float[] dh, int dhOff, float[] dc, int dcOff, float[] saved,
                      int savedOff, float[] cPrev, int cPrevOff, float[] dPre, int dPreOff);

    void gruForward(int r0, int r1, int hidden, float[] hh, float[] bHh, float[] bIh, float[] pre, int preOff,
                    float[] hPrev, int hPrevOff, float[] h, int hOff, float[] saved, int savedOff);

    void gruBackward(int r0, int r1, int hidden, float[] dh, int dhOff, float[] saved, int savedOff,
                     float[] hPrev, int hPrevOff, float[] dPre, int dPreOff, float[] dHh, int dHhOff,
                     float[] dhPrev, int dhPrevOff);

    void elmanForward(int r0, int r1, int hidden, boolean relu, float[] hh, float[] bHh, float[] bIh, float[] pre,
                      int preOff, float[] h, int hOff, float[] saved, int savedOff);

    void elmanBackward(int r0, int r1, int hidden, boolean relu, float[] dh, int dhOff, float[] saved, int savedOff,
                       float[] dPre, int dPreOff);

    /**
     * dst[dstOff + i] = exp(src[srcOff + i]) for i in [0, n): Sleef's expf, the gates' own exponential, for the
     * other row kernels that need many (log_softmax). Every implementation gives SleefFloat.exp's bits.
     */
    void exp(float[] src, int srcOff, float[] dst, int dstOff, int n);

    /** h·W_hhᵀ + b_hh at gate column k of the row at g0 (b_hh may be null): the bias is added first, as PyTorch does. */
    static float hiddenGate(float[] hh, int g0, float[] bHh, int k) {
        return bHh == null ? hh[g0 + k] : hh[g0 + k] + bHh[k];
    }

    /** x·W_ihᵀ + b_ih at gate column k of the row at p0 (b_ih may be null). */
    static float inputGate(float[] pre, int p0, float[] bIh, int k) {
        return bIh == null ? pre[p0 + k] : pre[p0 + k] + bIh[k];
    }

    /** The sum at gate column k, (h·W_hhᵀ + b_hh) + (x·W_ihᵀ + b_ih), in PyTorch's order. */
    static float gate(float[] hh, int g0, float[] bHh, float[] bIh, float[] pre, int p0, int k) {
        return hiddenGate(hh, g0, bHh, k) + inputGate(pre, p0, bIh, k);
    }

    /**
     * tanh as the arithmetic chosen ({@code Arithmetic}): Sleef's, PyTorch's bits, when exact; {@link FastTanh}
     * (within 2 ulp, a third of the work) by default.
     */
    static float tanh(float v, boolean exact) {
        return exact ? SleefFloat.tanh(v) : FastTanh.tanh(v);
    }

    /** The plain-Java gate kernels: the cells' own row loops. */
    GateRows PLAIN = new PlainGateRows();
}
