package dev.rnn4j.internal.layer;

import dev.rnn4j.internal.kernel.Kernels;
import dev.rnn4j.internal.kernel.gates.ElmanGates;
import dev.rnn4j.internal.kernel.gates.GateRows;
import dev.rnn4j.internal.kernel.gates.GruGates;
import dev.rnn4j.internal.kernel.gates.LstmGates;
import dev.rnn4j.internal.kernel.gates.RowSplit;
import dev.rnn4j.nn.RNNBase.Mode;

/**
 * The element-wise part of one step of a layer run, for its kind of cell: which of the run's buffers the cell's
 * gate kernel reads and writes. The math is in the cell's own file ({@link LstmGates}, {@link GruGates},
 * {@link ElmanGates}); rows are split over threads by {@link RowSplit}.
 */
abstract class CellStep {
    final int hidden;
    final GateRows gates = Kernels.gateRows();

    CellStep(int hidden) {
        this.hidden = hidden;
    }

    static CellStep of(Mode mode, int hidden) {
        return switch (mode) {
            case RNN_TANH -> new Elman(hidden, false);
            case RNN_RELU -> new Elman(hidden, true);
            case LSTM -> new Lstm(hidden);
            case GRU -> new Gru(hidden);
        };
    }

    /** Floats saved per row and step for the backward pass. */
    abstract int savedPerRow();

    /**
     * Step forward for rows [from, to) of the step whose rows start at row r0 of the run.
     *
     * @param hh  (rows, G·H): h_prev·W_hhᵀ, without bias, from the step's row 0; used as scratch
     * @param bHh (G·H) or null; bIh likewise
     * @param pre (rows, G·H): x·W_ihᵀ (without b_ih), the step's row 0 at preOff
     * @param h   receives the new h (before any projection); the step's row 0 is its row hRow
     */
    abstract void forward(int from, int to, int r0, float[] hh, float[] bHh, float[] bIh, float[] pre, int preOff,
                          LayerState s, float[] h, int hRow);

    /**
     * Step backward for rows [from, to) of the step whose rows start at row r0 of the run.
     *
     * @param dh     (rows, H) the gradient at the new h (before projection)
     * @param dc     (rows, H) in: the gradient at the new c; out: at the previous c (LSTM only)
     * @param dPre   receives the gradient at x·W_ihᵀ + b_ih, at row r0
     * @param dHh    receives the gradient at h_prev·W_hhᵀ + b_hh, at row r0 (dPre itself unless
     *               {@link #splitsGateGradient})
     * @param dhPrev (rows, H) receives the gradient at h_prev that bypasses W_hh (only if {@link #directPath})
     */
    abstract void backward(int from, int to, int r0, float[] dh, float[] dc, LayerState s, float[] dPre,
                           float[] dHh, float[] dhPrev);

    /** Whether h_prev reaches h' other than through W_hh (GRU's z·h_prev). */
    boolean directPath() {
        return false;
    }

    /** Whether the input and hidden sides of the gates get different gradients (GRU's reset gate). */
    boolean splitsGateGradient() {
        return false;
    }

    private static final class Lstm extends CellStep {
        Lstm(int hidden) {
            super(hidden);
        }

        @Override
        int savedPerRow() {
            return LstmGates.savedPerRow(hidden);
        }

        @Override
        void forward(int from, int to, int r0, float[] hh, float[] bHh, float[] bIh, float[] pre, int preOff,
                     LayerState s, float[] h, int hRow) {
            int r = s.stateRow(r0) * hidden, sv = s.stateRow(r0) * savedPerRow();
            int ho = hRow * hidden;
            RowSplit.forward(from, to, hidden, (a, b) -> gates.lstmForward(a, b, hidden, hh, bHh, bIh, pre, preOff,
                    s.prevC, r, h, ho, s.cs, r, s.saved, sv));
        }

        @Override
        void backward(int from, int to, int r0, float[] dh, float[] dc, LayerState s, float[] dPre, float[] dHh,
                      float[] dhPrev) {
            int sv = r0 * savedPerRow(), r = r0 * hidden, g = r0 * 4 * hidden;
            RowSplit.backward(from, to, hidden, (a, b) -> gates.lstmBackward(a, b, hidden, dh, 0, dc, 0,
                    s.saved, sv, s.prevC, r, dPre, g));
        }
    }

    private static final class Gru extends CellStep {
        Gru(int hidden) {
            super(hidden);
        }

        @Override
        int savedPerRow() {
            return GruGates.savedPerRow(hidden);
        }

        @Override
        void forward(int from, int to, int r0, float[] hh, float[] bHh, float[] bIh, float[] pre, int preOff,
                     LayerState s, float[] h, int hRow) {
            int r = s.stateRow(r0) * hidden, sv = s.stateRow(r0) * savedPerRow();
            int ho = hRow * hidden;
            RowSplit.forward(from, to, hidden, (a, b) -> gates.gruForward(a, b, hidden, hh, bHh, bIh, pre, preOff,
                    s.prevH, r, h, ho, s.saved, sv));
        }

        @Override
        void backward(int from, int to, int r0, float[] dh, float[] dc, LayerState s, float[] dPre, float[] dHh,
                      float[] dhPrev) {
            int sv = r0 * savedPerRow(), r = r0 * hidden, g = r0 * 3 * hidden;
            RowSplit.backward(from, to, hidden, (a, b) -> gates.gruBackward(a, b, hidden, dh, 0, s.saved, sv,
                    s.prevH, r, dPre, g, dHh, g, dhPrev, 0));
        }

        @Override
        boolean directPath() {
            return true;
        }

        @Override
        boolean splitsGateGradient() {
            return true;
        }
    }

    private static final class Elman extends CellStep {
        private final boolean relu;

        Elman(int hidden, boolean relu) {
            super(hidden);
            this.relu = relu;
        }

        @Override
        int savedPerRow() {
            return ElmanGates.savedPerRow(hidden);
        }

        @Override
        void forward(int from, int to, int r0, float[] hh, float[] bHh, float[] bIh, float[] pre, int preOff,
                     LayerState s, float[] h, int hRow) {
            int sv = s.stateRow(r0) * hidden;
            RowSplit.forward(from, to, hidden, (a, b) -> gates.elmanForward(a, b, hidden, relu, hh, bHh, bIh, pre,
                    preOff, h, hRow * hidden, s.saved, sv));
        }

        @Override
        void backward(int from, int to, int r0, float[] dh, float[] dc, LayerState s, float[] dPre, float[] dHh,
                      float[] dhPrev) {
            int r = r0 * hidden;
            RowSplit.backward(from, to, hidden, (a, b) -> gates.elmanBackward(a, b, hidden, relu, dh, 0, s.saved, r,
                    dPre, r));
        }
    }
}
