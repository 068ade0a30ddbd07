package dev.rnn4j.optim;

/**
 * The float32 tensor operations torch.optim's single-tensor updates are written in, on
 * {@code float[]}, each rounding exactly as PyTorch's CPU kernel does, so that an update
 * written as the same sequence of calls gives PyTorch's bits.
 *
 * <p>A Python float argument reaches a float32 kernel as {@code (float)} of the double: the
 * callers convert, the methods take {@code float}. PyTorch's CPU kernels for {@code add} with
 * alpha, {@code lerp} and {@code addcmul} are fused multiply-adds (explicit in the vectorised
 * loops, contracted by the compiler in the scalar ones), hence {@link Math#fma}. Division cannot
 * fuse: {@code addcdiv} rounds the quotient, then the sum.
 */
final class Elementwise {

    private Elementwise() {
    }

    /** {@code x.neg()}. */
    static float[] neg(float[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = -x[i];
        }
        return out;
    }

    /** {@code x.add(y, alpha=alpha)} = x + alpha·y, one rounding. */
    static float[] add(float[] x, float[] y, float alpha) {
        float[] out = x.clone();
        addInPlace(out, y, alpha);
        return out;
    }

    /** {@code x.add_(y, alpha=alpha)}. */
    static void addInPlace(float[] x, float[] y, float alpha) {
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.fma(y[i], alpha, x[i]);
        }
    }

    /** {@code x.add_(s)} with a scalar. */
    static void addInPlace(float[] x, float s) {
        for (int i = 0; i < x.length; i++) {
            x[i] += s;
        }
    }

    /** {@code x.mul_(s)}. */
    static void mulInPlace(float[] x, float s) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= s;
        }
    }

    /** {@code x.div_(s)}: a true division (PyTorch's CPU kernel does not multiply by 1/s for float32). */
    static void divInPlace(float[] x, float s) {
        for (int i = 0; i < x.length; i++) {
            x[i] /= s;
        }
    }

    /**
     * {@code self.lerp_(end, w)}: PyTorch's two-sided formula, exact at both ends,
     * {@code |w| < 0.5 ? self + w·(end − self) : end − (end − self)·(1 − w)}, each a fused multiply-add.
     */
    static void lerpInPlace(float[] self, float[] end, float w) {
        for (int i = 0; i < self.length; i++) {
            self[i] = lerp(self[i], end[i], w);
        }
    }

    /** One element of {@link #lerpInPlace}. */
    static float lerp(float self, float end, float w) {
        float diff = end - self;
        return Math.abs(w) < 0.5f ? Math.fma(w, diff, self) : Math.fma(-diff, 1f - w, end);
    }

    /** {@code self.addcmul_(t1, t2, value=v)} = self + (v·t1)·t2: v·t1 rounded, then one fused multiply-add. */
    static void addcmulInPlace(float[] self, float[] t1, float[] t2, float value) {
        for (int i = 0; i < self.length; i++) {
            self[i] = addcmul(self[i], t1[i], t2[i], value);
        }
    }

    /** One element of {@link #addcmulInPlace}. */
    static float addcmul(float self, float t1, float t2, float value) {
        return Math.fma(value * t1, t2, self);
    }

    /** {@code self.addcdiv_(t1, t2, value=v)} = self + (v·t1)/t2, each operation rounded. */
    static void addcdivInPlace(float[] self, float[] t1, float[] t2, float value) {
        for (int i = 0; i < self.length; i++) {
            self[i] += value * t1[i] / t2[i];
        }
    }

    /** {@code x.sqrt()}, IEEE (correctly rounded): the float is widened, and the double root rounds back exactly. */
    static float[] sqrt(float[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) Math.sqrt(x[i]);
        }
        return out;
    }

    /** {@code torch.maximum(x, y, out=x)}; NaN wins, as in PyTorch. */
    static void maximumInPlace(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(x[i], y[i]);
        }
    }
}
