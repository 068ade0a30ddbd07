package dev.rnn4j;

import dev.rnn4j.autograd.Node;
import dev.rnn4j.internal.kernel.Strided;

/** add, sub, mul, div with broadcasting, and their scalar forms. */
final class Arithmetic {

    private Arithmetic() {
    }

    /** Applies f over the broadcast shape of a and b. */
    static Tensor broadcastMap(Tensor a, Tensor b, Strided.BinaryFn f) {
        int[] shape = Shape.broadcast(a.shape, b.shape);
        Tensor out = Tensor.empty(shape);
        Strided.map(shape, a.data, a.offset, Shape.expandedStrides(a.shape, a.strides, shape),
                b.data, b.offset, Shape.expandedStrides(b.shape, b.strides, shape), out.data, f);
        return out;
    }

    static Tensor map(Tensor a, Strided.UnaryFn f) {
        Tensor out = Tensor.empty(a.shape);
        Strided.map(a.shape, a.data, a.offset, a.strides, out.data, f);
        return out;
    }

    static Tensor add(Tensor a, Tensor b, float alpha) {
        Tensor out = alpha == 1f ? broadcastMap(a, b, Float::sum) : broadcastMap(a, b, (x, y) -> x + alpha * y);
        if (Tensor.needsGrad(a, b)) {
            out.attachGradFn(new Node("AddBackward0", a, b) {
                @Override
                protected Tensor[] backward(Tensor[] g) {
                    Tensor gb = alpha == 1f ? g[0] : g[0].mul(alpha);
                    return new Tensor[]{Reductions.sumToShape(g[0], a.shape), Reductions.sumToShape(gb, b.shape)};
                }
            }, 0);
        }
        return out;
    }

    static Tensor sub(Tensor a, Tensor b) {
        Tensor out = broadcastMap(a, b, (x, y) -> x - y);
        if (Tensor.needsGrad(a, b)) {
            out.attachGradFn(new Node("SubBackward0", a, b) {
                @Override
                protected Tensor[] backward(Tensor[] g) {
                    return new Tensor[]{Reductions.sumToShape(g[0], a.shape),
                            Reductions.sumToShape(g[0].neg(), b.shape)};
                }
            }, 0);
        }
        return out;
    }

    static Tensor mul(Tensor a, Tensor b) {
        Tensor out = broadcastMap(a, b, (x, y) -> x * y);
        if (Tensor.needsGrad(a, b)) {
            Node node = new Node("MulBackward0", a, b) {
                {
                    save(a.detach(), b.detach());
                }

                @Override
                protected Tensor[] backward(Tensor[] g) {
                    Tensor sa = saved(0);
                    Tensor sb = saved(1);
                    return new Tensor[]{
                            a.requiresGrad() ? Reductions.sumToShape(g[0].mul(sb), a.shape) : null,
                            b.requiresGrad() ? Reductions.sumToShape(g[0].mul(sa), b.shape) : null};
                }
            };
            out.attachGradFn(node, 0);
        }
        return out;
    }

    static Tensor div(Tensor a, Tensor b) {
        Tensor out = broadcastMap(a, b, (x, y) -> x / y);
        if (Tensor.needsGrad(a, b)) {
            Node node = new Node("DivBackward0", a, b) {
                {
                    save(a.detach(), b.detach());
                }

                @Override
                protected Tensor[] backward(Tensor[] g) {
                    Tensor sa = saved(0);
                    Tensor sb = saved(1);
                    Tensor ga = g[0].div(sb);
                    return new Tensor[]{
                            a.requiresGrad() ? Reductions.sumToShape(ga, a.shape) : null,
                            b.requiresGrad() ? Reductions.sumToShape(ga.mul(sa).div(sb).neg(), b.shape) : null};
                }
            };
            out.attachGradFn(node, 0);
        }
        return out;
    }

    // A Python number operand is wrapped into a 0-d tensor and goes through the Tensor overload,
    // so `x + 2.5` records AddBackward0, not the Scalar overload's AddBackward1.

    static Tensor addScalar(Tensor a, float s) {
        return ShapeOps.record(map(a, x -> x + s), a, "AddBackward0", g -> g);
    }

    static Tensor subScalar(Tensor a, float s) {
        return ShapeOps.record(map(a, x -> x - s), a, "SubBackward0", g -> g);
    }

    static Tensor mulScalar(Tensor a, float s) {
        return ShapeOps.record(map(a, x -> x * s), a, "MulBackward0", g -> g.mul(s));
    }

    static Tensor divScalar(Tensor a, float s) {
        return ShapeOps.record(map(a, x -> x / s), a, "DivBackward0", g -> g.div(s));
    }

    static Tensor neg(Tensor a) {
        return ShapeOps.record(map(a, x -> -x), a, "NegBackward0", Tensor::neg);
    }
}
