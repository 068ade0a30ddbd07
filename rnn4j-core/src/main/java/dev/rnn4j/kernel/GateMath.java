package dev.rnn4j.kernel;

/**
 * The element-wise part of one recurrent step for {@code rows} sequences at once: the gate
 * biases and activations after the step's GEMM, the state update, and their derivatives.
 * Row-major arrays; each method takes (array, offset) pairs so callers pass slices of the
 * layer's buffers. Float operations keep PyTorch's order (RNN.cpp) so results round alike.
 */
public interface GateMath {

    /** G: the gate blocks in each weight (1, 3 or 4). */
    int gates();

    /** Whether the step carries a cell state c (LSTM). */
    default boolean hasCell() {
        return false;
    }

    /** Floats saved per row and step for the backward pass. */
    int savedPerRow();

    /**
     * One step forward.
     *
     * @param hh    (rows, G·H): h_prev·W_hhᵀ, without bias; used as scratch
     * @param bHh   (G·H) or null
     * @param pre   (rows, G·H) at preOff: x·W_ihᵀ + b_ih
     * @param hPrev (rows, H') the previous h; cPrev (rows, H) the previous c, or null
     * @param h     (rows, H) receives the new h (before any projection); c receives the new c
     * @param saved (rows, savedPerRow) receives what the backward pass needs
     */
    void forward(int rows, float[] hh, float[] bHh, float[] pre, int preOff,
                 float[] hPrev, int hPrevOff, float[] cPrev, int cPrevOff,
                 float[] h, int hOff, float[] c, int cOff, float[] saved, int savedOff);

    /**
     * One step backward.
     *
     * @param dh    (rows, H) the gradient at the step's new h (before projection)
     * @param dc    (rows, H) in: the gradient at the new c; out: at the previous c (LSTM only)
     * @param dPre  (rows, G·H) receives the gradient at pre (x·W_ihᵀ + b_ih)
     * @param dHh   (rows, G·H) receives the gradient at h_prev·W_hhᵀ + b_hh (may be dPre itself)
     * @param dhPrev (rows, H) receives the gradient at h_prev that does not pass through W_hh
     *               (GRU's z·h_prev); untouched when {@link #hasDirectPath()} is false
     */
    void backward(int rows, float[] dh, int dhOff, float[] dc, int dcOff, float[] saved, int savedOff,
                  float[] hPrev, int hPrevOff, float[] cPrev, int cPrevOff,
                  float[] dPre, int dPreOff, float[] dHh, int dHhOff, float[] dhPrev, int dhPrevOff);

    /** Whether h_prev reaches h' other than through W_hh (GRU), so {@code dhPrev} is written. */
    default boolean hasDirectPath() {
        return false;
    }

    /** Whether the input side and the hidden side of the gates get different gradients (GRU's reset gate). */
    default boolean splitsGateGradient() {
        return false;
    }

    /**
     * σ(v) in PyTorch's scalar float steps: e = exp(−v), then 1 / (1 + e), each rounded to float. The fused
     * layers use it only where PyTorch does (the columns after its vectorised blocks, see {@link GateRows});
     * elsewhere they use {@link SleefFloat#sigmoid}; {@code Tensor.sigmoid} follows the same rule.
     */
    static float sigmoid(float v) {
        float e = (float) Math.exp(-v);
        return 1f / (1f + e);
    }
}
