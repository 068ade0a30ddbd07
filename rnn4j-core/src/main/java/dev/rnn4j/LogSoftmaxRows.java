package dev.rnn4j;

import dev.rnn4j.internal.kernel.Kernels;
import dev.rnn4j.internal.kernel.gates.RowSplit;

/**
 * log_softmax over the last dimension of a contiguous tensor, row by row in one sweep each: the same float
 * operations in the same order as the general path in {@link Softmax} (max from −∞, x − max, Sleef's exp, a sum
 * from 0 in index order, log, subtraction), so the same bits, without its seven passes and temporaries; the exps
 * of all rows go through the gate kernels' exp at once (a vector loop). A cross-entropy over a character model's
 * logits (2048×65) spent 2.4 ms a step in those passes. Rows split across threads as a gate step's do (both
 * evaluate an exp per element: {@link RowSplit#forward}); each row is computed alone, so the bits do not depend on
 * the thread count.
 */
final class LogSoftmaxRows {

    /** Rows whose exps one pass of the exp kernel writes to a scratch of its own: a few tens of kilobytes. */
    private static final int BLOCK_ROWS = 64;

    private LogSoftmaxRows() {
    }

    /** y = (x − max) − log Σ exp(x − max) along the last dimension. */
    static Tensor forward(Tensor x) {
        int width = x.shape[x.dim() - 1];
        Tensor y = Tensor.empty(x.shape);
        if (y.data.length > 0) {
            RowSplit.forward(0, y.data.length / width, width, (r0, r1) -> {
                float[] exps = new float[Math.min(BLOCK_ROWS, r1 - r0) * width];
                for (int b = r0; b < r1; b += BLOCK_ROWS) {
                    forwardRows(x.data, x.offset, y.data, exps, width, b, Math.min(b + BLOCK_ROWS, r1));
                }
            });
        }
        return y;
    }

    /** Rows [r0, r1); exps: a scratch of (r1 − r0)·width floats or more. */
    private static void forwardRows(float[] in, int inOff, float[] out, float[] exps, int width, int r0, int r1) {
        for (int o = r0 * width, r = inOff + o, end = r1 * width; o < end; r += width, o += width) {
            float max = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < width; i++) {
                max = Math.max(max, in[r + i]);
            }
            for (int i = 0; i < width; i++) {
                out[o + i] = in[r + i] - max;
            }
        }
        // the rows' exps at once, on the vector kernel when there is one; the sums stay in index order
        Kernels.gateRows().exp(out, r0 * width, exps, 0, (r1 - r0) * width);
        for (int o = r0 * width, e = 0, end = r1 * width; o < end; o += width, e += width) {
            float sum = 0f;
            for (int i = 0; i < width; i++) {
                sum += exps[e + i];
            }
            float logSum = (float) Math.log(sum);
            for (int i = 0; i < width; i++) {
                out[o + i] -= logSum;
            }
        }
    }

    /** dx = g − exp(y)·Σ g along the last dimension; g and y contiguous, of one shape. */
    static Tensor backward(Tensor g, Tensor y) {
        int width = y.shape[y.dim() - 1];
        Tensor dx = Tensor.empty(y.shape);
        if (dx.data.length > 0) {
            RowSplit.forward(0, dx.data.length / width, width,
                    (r0, r1) -> backwardRows(g.data, g.offset, y.data, y.offset, dx.data, width, r0, r1));
        }
        return dx;
    }

    private static void backwardRows(float[] gs, int gOff, float[] ys, int yOff, float[] out, int width,
                                     int r0, int r1) {
        Kernels.gateRows().exp(ys, yOff + r0 * width, out, r0 * width, (r1 - r0) * width);
        for (int r = r0 * width, end = r1 * width; r < end; r += width) {
            float sum = 0f;
            for (int i = 0; i < width; i++) {
                sum += gs[gOff + r + i];
            }
            for (int i = 0; i < width; i++) {
                out[r + i] = gs[gOff + r + i] - out[r + i] * sum;
            }
        }
    }
}
