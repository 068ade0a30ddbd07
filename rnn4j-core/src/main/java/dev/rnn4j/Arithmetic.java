package dev.rnn4j;

import dev.rnn4j.autograd.Op;
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
        return Op.record(out, "AddBackward0", (g, s) -> new Tensor[]{Reductions.sumToShape(g[0], a.shape),
                Reductions.sumToShape(alpha == 1f ? g[0] : g[0].mul(alpha), b.shape)}, a, b);
    }

    static Tensor sub(Tensor a, Tensor b) {
        Tensor out = broadcastMap(a, b, (x, y) -> x - y);
        return Op.record(out, "SubBackward0", (g, s) -> new Tensor[]{Reductions.sumToShape(g[0], a.shape),
                Reductions.sumToShape(g[0].neg(), b.shape)}, a, b);
    }

    static Tensor mul(Tensor a, Tensor b) {
        Tensor out = broadcastMap(a, b, (x, y) -> x * y);
        // d(a·b) = g·b da + g·a db
        return Op.record(out, "MulBackward0", saveIfNeeded(a, b), (g, s) -> new Tensor[]{
                a.requiresGrad() ? Reductions.sumToShape(g[0].mul(s.<Tensor>get(1)), a.shape) : null,
                b.requiresGrad() ? Reductions.sumToShape(g[0].mul(s.<Tensor>get(0)), b.shape) : null}, a, b);
    }

    static Tensor div(Tensor a, Tensor b) {
        Tensor out = broadcastMap(a, b, (x, y) -> x / y);
        // d(a/b) = g/b da − (g/b)·a/b db
        return Op.record(out, "DivBackward0", saveIfNeeded(a, b), (g, s) -> {
            Tensor sa = s.get(0);
            Tensor sb = s.get(1);
            Tensor ga = g[0].div(sb);
            return new Tensor[]{a.requiresGrad() ? Reductions.sumToShape(ga, a.shape) : null,
                    b.requiresGrad() ? Reductions.sumToShape(ga.mul(sa).div(sb).neg(), b.shape) : null};
        }, a, b);
    }

    /** The operands' values for a backward pass, or nothing when no gradient is needed. */
    private static Object[] saveIfNeeded(Tensor a, Tensor b) {
        return Op.needsGrad(a, b) ? Op.save(a.detach(), b.detach()) : Op.save();
    }

    // A Python number operand is wrapped into a 0-d tensor and goes through the Tensor overload,
    // so `x + 2.5` records AddBackward0, not the Scalar overload's AddBackward1.

    static Tensor addScalar(Tensor a, float s) {
        return Op.record(map(a, x -> x + s), "AddBackward0", g -> g, a);
    }

    static Tensor subScalar(Tensor a, float s) {
        return Op.record(map(a, x -> x - s), "SubBackward0", g -> g, a);
    }

    static Tensor mulScalar(Tensor a, float s) {
        return Op.record(map(a, x -> x * s), "MulBackward0", g -> g.mul(s), a);
    }

    static Tensor divScalar(Tensor a, float s) {
        return Op.record(map(a, x -> x / s), "DivBackward0", g -> g.div(s), a);
    }

    static Tensor neg(Tensor a) {
        return Op.record(map(a, x -> -x), "NegBackward0", Tensor::neg, a);
    }
}
