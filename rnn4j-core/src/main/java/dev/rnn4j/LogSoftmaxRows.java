package dev.rnn4j;

import dev.rnn4j.internal.kernel.Kernels;

/**
 * log_softmax over the last dimension of a contiguous tensor, row by row in one sweep each: the same float
 * operations in the same order as the general path in {@link Softmax} (max from −∞, x − max, Sleef's exp, a sum
 * from 0 in index order, log, subtraction), so the same bits, without its seven passes and temporaries; the exps
 * of all rows go through the gate kernels' exp at once (a vector loop). A cross-entropy over a character model's
 * logits (2048×65) spent 2.4 ms a step in those passes.
 */
final class LogSoftmaxRows {

    private LogSoftmaxRows() {
    }

    /** y = (x − max) − log Σ exp(x − max) along the last dimension. */
    static Tensor forward(Tensor x) {
        int width = x.shape[x.dim() - 1];
        Tensor y = Tensor.empty(x.shape);
        float[] in = x.data, out = y.data;
        for (int r = x.offset, o = 0; o < out.length; r += width, o += width) {
            float max = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < width; i++) {
                max = Math.max(max, in[r + i]);
            }
            for (int i = 0; i < width; i++) {
                out[o + i] = in[r + i] - max;
            }
        }
        // every exp at once, on the vector kernel when there is one; the sums stay in index order
        float[] exps = new float[out.length];
        Kernels.gateRows().exp(out, 0, exps, 0, out.length);
        for (int o = 0; o < out.length; o += width) {
            float sum = 0f;
            for (int i = 0; i < width; i++) {
                sum += exps[o + i];
            }
            float logSum = (float) Math.log(sum);
            for (int i = 0; i < width; i++) {
                out[o + i] -= logSum;
            }
        }
        return y;
    }

    /** dx = g − exp(y)·Σ g along the last dimension; g and y contiguous, of one shape. */
    static Tensor backward(Tensor g, Tensor y) {
        int width = y.shape[y.dim() - 1];
        Tensor dx = Tensor.empty(y.shape);
        float[] gs = g.data, out = dx.data;
        Kernels.gateRows().exp(y.data, y.offset, out, 0, out.length);
        for (int r = 0; r < out.length; r += width) {
            float sum = 0f;
            for (int i = 0; i < width; i++) {
                sum += gs[g.offset + r + i];
            }
            for (int i = 0; i < width; i++) {
                out[r + i] = gs[g.offset + r + i] - out[r + i] * sum;
            }
        }
        return dx;
    }
}
