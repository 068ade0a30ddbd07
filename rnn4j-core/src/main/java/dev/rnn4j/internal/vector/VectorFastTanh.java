package dev.rnn4j.internal.vector;

import static dev.rnn4j.internal.kernel.gates.FastTanh.P0;
import static dev.rnn4j.internal.kernel.gates.FastTanh.P1;
import static dev.rnn4j.internal.kernel.gates.FastTanh.P2;
import static dev.rnn4j.internal.kernel.gates.FastTanh.P3;
import static dev.rnn4j.internal.kernel.gates.FastTanh.P4;
import static dev.rnn4j.internal.kernel.gates.FastTanh.SMALL;

import dev.rnn4j.internal.kernel.gates.FastTanh;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** {@link FastTanh} lane-wise: the same float operations in the same order, so every lane equals it bit for bit. */
final class VectorFastTanh {
    private static final VectorSpecies<Float> F = VectorSleef.F;

    private VectorFastTanh() {
    }

    /**
     * dst = tanh(src) over n floats, n a multiple of the lane count; dst must not overlap src. exp(−2·|x|) goes
     * through dst first: the exponential's loop is its own (see VectorSleef for why no vector crosses a call).
     */
    static void tanh(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        VectorSleef.exp(src, srcOff, dst, dstOff, n, -2f, true);
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (int i = 0; i < n; i += F.length()) {
            FloatVector x = FloatVector.fromArray(F, src, srcOff + i);
            FloatVector r = x.abs();
            FloatVector u = r.mul(r);
            FloatVector p = FloatVector.broadcast(F, P4).fma(u, FloatVector.broadcast(F, P3))
                    .fma(u, FloatVector.broadcast(F, P2)).fma(u, FloatVector.broadcast(F, P1))
                    .fma(u, FloatVector.broadcast(F, P0));
            FloatVector small = r.mul(u).fma(p, r);
            FloatVector e = FloatVector.fromArray(F, dst, dstOff + i);
            FloatVector large = one.sub(e).div(one.add(e));
            FloatVector t = large.blend(small, r.lt(SMALL));
            // copysign(t, x), bit by bit as Math.copySign
            t.reinterpretAsInts().and(0x7fffffff).or(x.reinterpretAsInts().and(0x80000000)).reinterpretAsFloats()
                    .intoArray(dst, dstOff + i);
        }
    }
}
