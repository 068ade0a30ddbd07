package dev.rnn4j.internal.layer;

import dev.rnn4j.autograd.Op;

/**
 * A layer run's buffers: what the forward pass computed and keeps for the backward pass. Rows as in {@link Plan}.
 * A run that no backward pass will follow keeps only what it returns: its per-step state (previous h and c, every c,
 * the saved gate values, the unprojected h) lives in buffers of one step's rows. The input projection is not kept
 * here: Plan computes it step by step, or for a run of a few rows all at once in a buffer of its own.
 */
final class LayerState implements Op.Releasable {
    /** Whether every step's state is kept for a backward pass. */
    final boolean keep;
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
    private boolean released;

    LayerState(Plan p, float[] h0, float[] c0, boolean keep, boolean pooledOutput) {
        this.keep = keep;
        int rows = keep ? p.rows : p.batch;
        out = pooledOutput ? ScratchPool.take(p.rows * p.hr) : new float[p.rows * p.hr];
        hTilde = p.projected ? ScratchPool.take(rows * p.hidden) : null;
        cs = c0 == null ? null : ScratchPool.take(rows * p.hidden);
        prevH = ScratchPool.take(rows * p.hr);
        prevC = c0 == null ? null : ScratchPool.take(rows * p.hidden);
        saved = ScratchPool.take(rows * p.step.savedPerRow());
        curH = h0.clone();
        curC = c0 == null ? null : c0.clone();
    }

    /** Hands the forward's working buffers back to the pool once nothing will read them; out and the state stay. */
    @Override
    public void release() {
        if (!released) {
            released = true;
            ScratchPool.give(hTilde, cs, prevH, prevC, saved);
        }
    }

    /** Where the step starting at row r0 keeps its state: r0, or 0 when only one step's rows are kept. */
    int stateRow(int r0) {
        return keep ? r0 : 0;
    }
}
