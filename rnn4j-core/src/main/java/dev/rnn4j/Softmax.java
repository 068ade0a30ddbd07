package dev.rnn4j;

import dev.rnn4j.autograd.Op;

/**
 * softmax and log_softmax along one dimension, shifted by the maximum so that exp never overflows, as
 * PyTorch's CPU kernels compute them. Each records one node (SoftmaxBackward0, LogSoftmaxBackward0).
 */
final class Softmax {

    private Softmax() {
    }

    /** y = exp(x − max) / Σ exp(x − max); dx = y·(g − Σ g·y). */
    static Tensor softmax(Tensor x, int dim) {
        int d = Shape.wrapDim(dim, x.dim());
        Tensor shifted = shifted(x, d);
        Tensor e = shifted.exp();
        Tensor y = e.div(sum(e, d)).reshape(x.shape);
        return Op.record(y, "SoftmaxBackward0", Op.save(y.detach()), (g, s) -> {
            Tensor out = s.get(0);
            return new Tensor[]{out.mul(g[0].sub(sum(g[0].mul(out), d)))};
        }, x);
    }

    /** y = (x − max) − log Σ exp(x − max); dx = g − exp(y)·Σ g. */
    static Tensor logSoftmax(Tensor x, int dim) {
        int d = Shape.wrapDim(dim, x.dim());
        boolean rows = x.dim() > 0 && d == x.dim() - 1 && x.isContiguous();
        Tensor y;
        if (rows) {
            y = LogSoftmaxRows.forward(x);
        } else {
            Tensor shifted = shifted(x, d);
            y = shifted.sub(sum(shifted.exp(), d).log()).reshape(x.shape);
        }
        return Op.record(y, "LogSoftmaxBackward0", Op.save(y.detach()), (g, s) -> {
            Tensor out = s.get(0);
            if (rows && g[0].isContiguous()) {
                return new Tensor[]{LogSoftmaxRows.backward(g[0], out)};
            }
            return new Tensor[]{g[0].sub(out.exp().mul(sum(g[0], d)))};
        }, x);
    }

    /** x − max along d, outside the graph; a 0-d x is read as a vector of one element. */
    private static Tensor shifted(Tensor x, int d) {
        Tensor in = x.dim() == 0 ? x.detach().reshape(1) : x.detach();
        return in.sub(Reductions.amax(in, d));
    }

    private static Tensor sum(Tensor t, int d) {
        return t.dim() == 0 ? t : t.sum(d, true);
    }
}
