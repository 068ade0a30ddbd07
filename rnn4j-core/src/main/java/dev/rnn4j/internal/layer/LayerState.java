package dev.rnn4j.internal.layer;

/**
 * A layer run's buffers: what the forward pass computed and keeps for the backward pass. Rows as in {@link Plan}.
 * A run that no backward pass will follow keeps only what it returns and the input projection: its per-step state
 * (previous h and c, every c, the saved gate values, the unprojected h) lives in buffers of one step's rows.
 */
final class LayerState {
    /** Whether every step's state is kept for a backward pass. */
    final boolean keep;
    /** (rows, G·H): x·W_ihᵀ + b_ih for every step. */
    final float[] pre;
    /** (rows, H'): every step's h, projected when the layer projects. */
    final float[] out;
    /** (rows, H): every step's h before the projection, or null. */
    final float[] hTilde;
    /** (rows, H): every step's c (LSTM), or null. */
    final float[] cs;
    /** (rows, H') and (rows, H): the state each row started its step from. */
    final float[] prevH;
    final float[] prevC;
    /** (rows, savedPerRow): the cell's values for its backward step. */
    final float[] saved;
    /** (N, H') and (N, H): each sequence's current state; its final state once the run is over. */
    final float[] curH;
    final float[] curC;

    LayerState(Plan p, float[] h0, float[] c0, boolean keep) {
        this.keep = keep;
        int rows = keep ? p.rows : p.batch;
        pre = new float[p.rows * p.gh];
        out = new float[p.rows * p.hr];
        hTilde = p.projected ? new float[rows * p.hidden] : null;
        cs = c0 == null ? null : new float[rows * p.hidden];
        prevH = new float[rows * p.hr];
        prevC = c0 == null ? null : new float[rows * p.hidden];
        saved = new float[rows * p.step.savedPerRow()];
        curH = h0.clone();
        curC = c0 == null ? null : c0.clone();
    }

    /** Where the step starting at row r0 keeps its state: r0, or 0 when only one step's rows are kept. */
    int stateRow(int r0) {
        return keep ? r0 : 0;
    }
}
