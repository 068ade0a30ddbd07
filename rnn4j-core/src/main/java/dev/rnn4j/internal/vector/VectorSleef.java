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

    private VectorSleef() {
    }

    /*
     * The loops below are what kernels should call. C2 intrinsifies Vector API calls only where it knows the exact
     * vector class; a FloatVector passed to or returned from a method that is not inlined (tanh's body is far
     * beyond the inlining limits) loses it, and every operation then falls back to Java code, ten times slower.
     * So each loop has its function's body inside it, or calls one small enough to be inlined (exp), and vectors
     * never cross a call that is not.
     */

    /** dst[dstOff + i] = exp(src[srcOff + i]) for i in [0, n), n a multiple of the lane count. */
    static void exp(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i += F.length()) {
            exp(FloatVector.fromArray(F, src, srcOff + i)).intoArray(dst, dstOff + i);
        }
    }

    /**
     * exp lane-wise. Small enough (under C2's FreqInlineSize of bytecode) that the loops calling it inline it, so
     * its vectors never cross a call; tanh below is not, hence its array loop.
     */
    static FloatVector exp(FloatVector d) {
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
        return u.blend(Float.POSITIVE_INFINITY, d.compare(VectorOperators.GT, 100f));
    }

    /** dst = 1 / (1 + exp(0 − src)) over n floats, n a multiple of the lane count; dst may be src. */
    static void sigmoid(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        FloatVector zero = FloatVector.zero(F);
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (int i = 0; i < n; i += F.length()) {
            FloatVector e = exp(zero.sub(FloatVector.fromArray(F, src, srcOff + i)));
            one.div(e.add(1f)).intoArray(dst, dstOff + i);
        }
    }

    /** dst = tanh(src) over n floats, n a multiple of the lane count; dst may be src. */
    static void tanh(float[] src, int srcOff, float[] dst, int dstOff, int n) {
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
            FloatVector one = FloatVector.broadcast(F, 1f);
            IntVector qh = q.lanewise(VectorOperators.ASHR, 1);
            FloatVector p1 = qh.add(0x7f).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector p2 = q.sub(qh).add(0x7f).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector dx = tx.mul(p1).mul(p2);
            FloatVector dy = ty.mul(p1).mul(p2);
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
