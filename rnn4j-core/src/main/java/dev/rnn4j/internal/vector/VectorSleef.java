package dev.rnn4j.internal.vector;

import static dev.rnn4j.internal.kernel.gates.SleefFloat.E1;
import static dev.rnn4j.internal.kernel.gates.SleefFloat.E2;
import static dev.rnn4j.internal.kernel.gates.SleefFloat.E3;
import static dev.rnn4j.internal.kernel.gates.SleefFloat.E4;
import static dev.rnn4j.internal.kernel.gates.SleefFloat.E5;
import static dev.rnn4j.internal.kernel.gates.SleefFloat.K1;
import static dev.rnn4j.internal.kernel.gates.SleefFloat.K2;
import static dev.rnn4j.internal.kernel.gates.SleefFloat.K3;
import static dev.rnn4j.internal.kernel.gates.SleefFloat.K4;
import static dev.rnn4j.internal.kernel.gates.SleefFloat.K5;
import static dev.rnn4j.internal.kernel.gates.SleefFloat.L2LF;
import static dev.rnn4j.internal.kernel.gates.SleefFloat.L2UF;
import static dev.rnn4j.internal.kernel.gates.SleefFloat.RINT;
import static dev.rnn4j.internal.kernel.gates.SleefFloat.R_LN2F;
import static dev.rnn4j.internal.kernel.gates.SleefFloat.TANH_ONE;

import dev.rnn4j.internal.kernel.gates.SleefFloat;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link SleefFloat} lane-wise on the Vector API: the same float operations in the same order, so every lane
 * equals the scalar function bit for bit. Only code that is loaded when {@code jdk.incubator.vector} is present
 * may name this class.
 */
final class VectorSleef {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /** Each thread's scratch row for tanh. */
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[0]);

    private VectorSleef() {
    }

    /*
     * The loops below are what kernels call. C2 intrinsifies a Vector API call only where it knows the exact vector
     * class; a vector passed to or returned from a method that is not inlined loses it, and every operation on it
     * falls back to boxed Java code, many times slower and allocating. C2 stops inlining ordinary methods once the
     * method it compiles passes a node budget (the Vector API's own methods are always inlined), so a helper that
     * takes or returns a vector is inlined or not depending on what it was inlined into. Hence the rule of this
     * package: no method of ours takes or returns a vector; each loop holds its function's whole body, and loops
     * pass their results to one another through arrays.
     */

    /** dst[dstOff + i] = exp(src[srcOff + i]) for i in [0, n), n a multiple of the lane count. */
    static void exp(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        exp(src, srcOff, dst, dstOff, n, 1f, false);
    }

    /**
     * dst = exp(scale · x) with x = src or |src|, over n floats (a multiple of the lane count); dst may be src.
     * scale · x is one rounding, as the scalar callers write it (exp(−2·|x|) in the fast tanh); 1 and −1 are
     * exact.
     */
    static void exp(float[] src, int srcOff, float[] dst, int dstOff, int n, float scale, boolean abs) {
        for (int i = 0; i < n; i += F.length()) {
            FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
            FloatVector d = (abs ? x.abs() : x).mul(scale);
            FloatVector qt = d.mul(R_LN2F).add(RINT);
            FloatVector qf = qt.sub(RINT);
            IntVector q = qt.reinterpretAsInts().sub(SleefFloat.RINT_BITS);
            FloatVector s = qf.fma(FloatVector.broadcast(F, -L2UF), d);
            s = qf.fma(FloatVector.broadcast(F, -L2LF), s);
            FloatVector u = FloatVector.broadcast(F, E5);
            u = u.fma(s, FloatVector.broadcast(F, E4));
            u = u.fma(s, FloatVector.broadcast(F, E3));
            u = u.fma(s, FloatVector.broadcast(F, E2));
            u = u.fma(s, FloatVector.broadcast(F, E1));
            u = u.fma(s, FloatVector.broadcast(F, 0.5f));
            u = s.mul(s).fma(u, s).add(1.0f);
            IntVector h = q.lanewise(VectorOperators.ASHR, 1);
            u = u.mul(h.add(0x7f).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                    .mul(q.sub(h).add(0x7f).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
            u = u.blend(0f, d.lt(-104f));
            u.blend(Float.POSITIVE_INFINITY, d.compare(VectorOperators.GT, 100f)).intoArray(dst, dstOff + i);
        }
    }

    /**
     * dst = 1 / (exp(−src) + 1) over n floats, n a multiple of the lane count; dst may be src. −x for the scalar's
     * 0 − x: they differ only at x = +0, where exp gives 1 for both.
     */
    static void sigmoid(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        exp(src, srcOff, dst, dstOff, n, -1f, false);
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (int i = 0; i < n; i += F.length()) {
            one.div(FloatVector.fromArray(F, dst, dstOff + i).add(1f)).intoArray(dst, dstOff + i);
        }
    }

    /**
     * dst = tanh(src) over n floats, n a multiple of the lane count; dst must not overlap src. Two loops, d = exp(|x|)
     * as a double-float (hi in dst, lo in a scratch row) and then tanh from it: as one loop it was past what C2
     * compiles into intrinsics whole, and part of it ran boxed.
     */
    static void tanh(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        float[] lo = scratch(n);
        expDouble(src, srcOff, dst, dstOff, lo, n);
        tanhFromExp(src, srcOff, dst, dstOff, lo, n);
    }

    /** A per-thread row of at least n floats. */
    private static float[] scratch(int n) {
        float[] s = SCRATCH.get();
        if (s.length < n) {
            s = new float[n];
            SCRATCH.set(s);
        }
        return s;
    }

    /** (hi, lo) = exp(|x|) as a double-float, Sleef's expk2f of (|x|, 0) and its 2^q scaling. */
    private static void expDouble(float[] src, int srcOff, float[] hi, int hiOff, float[] lo, int n) {
        for (int i = 0; i < n; i += F.length()) {
            FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
            FloatVector y = x.abs();
            FloatVector qt = y.add(0f).mul(R_LN2F).add(RINT);
            FloatVector qf = qt.sub(RINT);
            IntVector q = qt.reinterpretAsInts().sub(SleefFloat.RINT_BITS);
            FloatVector sx, sy;
            {
                FloatVector b = qf.mul(-L2UF);
                FloatVector s = y.add(b);
                FloatVector v = s.sub(y);
                FloatVector t = y.sub(s.sub(v)).add(b.sub(v));
                sx = s;
                sy = t.add(0f);
            }
            {
                FloatVector b = qf.mul(-L2LF);
                FloatVector s = sx.add(b);
                FloatVector v = s.sub(sx);
                FloatVector t = sx.sub(s.sub(v)).add(b.sub(v));
                sy = t.add(sy);
                sx = s;
            }
            FloatVector u = FloatVector.broadcast(F, K5);
            u = u.fma(sx, FloatVector.broadcast(F, K4));
            u = u.fma(sx, FloatVector.broadcast(F, K3));
            u = u.fma(sx, FloatVector.broadcast(F, K2));
            FloatVector tx, ty;
            {
                FloatVector mx = sx.mul(u);
                FloatVector my = sy.fma(u, sx.fma(u, mx.neg()));
                FloatVector s = mx.add(K1);
                FloatVector v = s.sub(mx);
                FloatVector t = mx.sub(s.sub(v)).add(FloatVector.broadcast(F, K1).sub(v));
                tx = s;
                ty = t.add(my);
            }
            {
                FloatVector mx = sx.mul(tx);
                FloatVector my = sx.fma(ty, sy.fma(tx, sx.fma(tx, mx.neg())));
                FloatVector s = mx.add(0.5f);
                FloatVector v = s.sub(mx);
                FloatVector t = mx.sub(s.sub(v)).add(FloatVector.broadcast(F, 0.5f).sub(v));
                tx = s;
                ty = t.add(my);
            }
            {
                FloatVector qx = sx.mul(sx);
                FloatVector qy = sx.add(sx).fma(sy, sx.fma(sx, qx.neg()));
                FloatVector mx = qx.mul(tx);
                FloatVector my = qx.fma(ty, qy.fma(tx, qx.fma(tx, mx.neg())));
                FloatVector s = sx.add(mx);
                FloatVector v = s.sub(sx);
                FloatVector t = sx.sub(s.sub(v)).add(mx.sub(v));
                tx = s;
                ty = t.add(sy.add(my));
            }
            {
                FloatVector one = FloatVector.broadcast(F, 1f);
                FloatVector s = one.add(tx);
                ty = one.sub(s).add(tx).add(ty);
                tx = s;
            }
            IntVector qh = q.lanewise(VectorOperators.ASHR, 1);
            FloatVector p1 = qh.add(0x7f).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector p2 = q.sub(qh).add(0x7f).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            tx.mul(p1).mul(p2).intoArray(hi, hiOff + i);
            ty.mul(p1).mul(p2).intoArray(lo, i);
        }
    }

    /** dst = tanh(x) from d = (dx, dy) = exp(|x|), dx in dst and dy in lo: (d − 1/d) / (d + 1/d) in double-float. */
    private static void tanhFromExp(float[] src, int srcOff, float[] dst, int dstOff, float[] lo, int n) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (int i = 0; i < n; i += F.length()) {
            FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
            FloatVector y = x.abs();
            FloatVector dx = FloatVector.fromArray(F, dst, dstOff + i);
            FloatVector dy = FloatVector.fromArray(F, lo, i);
            FloatVector ex = one.div(dx);
            FloatVector ey = ex.mul(dy.neg().fma(ex, dx.neg().fma(ex, one)));
            FloatVector nex = ex.neg();
            FloatVector ney = ey.neg();
            FloatVector nx = dx.add(nex);
            FloatVector ny = dx.sub(nx).add(nex).add(dy).add(ney);
            FloatVector mx = dx.add(ex);
            FloatVector my = dx.sub(mx).add(ex).add(dy).add(ey);
            FloatVector rt = one.div(mx);
            FloatVector rs = nx.mul(rt);
            FloatVector ru = rt.fma(nx, rs.neg());
            FloatVector rv = my.neg().fma(rt, mx.neg().fma(rt, one));
            FloatVector ry = rs.fma(rv, ny.fma(rt, ru));
            FloatVector r = rs.add(ry);
            VectorMask<Float> sat = y.compare(VectorOperators.GT, TANH_ONE).or(r.test(VectorOperators.IS_NAN));
            r = r.blend(one, sat);
            IntVector sign = x.reinterpretAsInts().and(0x80000000);
            r = r.reinterpretAsInts().lanewise(VectorOperators.XOR, sign).reinterpretAsFloats();
            r = r.blend(Float.NaN, x.test(VectorOperators.IS_NAN));
            r.intoArray(dst, dstOff + i);
        }
    }
}
