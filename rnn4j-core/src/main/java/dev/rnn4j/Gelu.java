package dev.rnn4j;

/**
 * The Gaussian error linear unit and its derivative, element by element, in double and rounded once to float:
 * {@code x·Φ(x)} with the normal CDF Φ written through erfc, or PyTorch's tanh approximation. PyTorch's float
 * kernels use Abramowitz–Stegun's erf (absolute error 1.5e-7) in their vector loops; this is exact to float
 * rounding, so the two agree within that error.
 */
final class Gelu {

    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    /** √(2/π), as PyTorch's kBeta = M_SQRT2 · M_2_SQRTPI · 0.5. */
    private static final double BETA = Math.sqrt(2) * (2 / Math.sqrt(Math.PI)) * 0.5;
    private static final double KAPPA = 0.044715;
    /** Below this the positive series of erf is used, above it the continued fraction of erfc. */
    private static final double SERIES_LIMIT = 2.5;
    private static final int FRACTION_DEPTH = 40;

    private Gelu() {
    }

    /** x·Φ(x), Φ(x) = erfc(−x/√2)/2. */
    static float exact(float x) {
        return (float) (x * cdf(x));
    }

    /** d/dx x·Φ(x) = Φ(x) + x·φ(x). */
    static float exactGrad(float g, float x) {
        return (float) (g * (cdf(x) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x)));
    }

    /** x/2 · (1 + tanh(√(2/π)·(x + 0.044715·x³))). */
    static float tanh(float x) {
        return (float) (0.5 * x * (1 + Math.tanh(inner(x))));
    }

    /** The derivative of {@link #tanh(float)}, as PyTorch's GeluBackward writes it (left and right factors). */
    static float tanhGrad(float g, float x) {
        double t = Math.tanh(inner(x));
        double left = 0.5 * x;
        double right = 1 + t;
        double dRight = left * (1 - t * t) * BETA * (1 + 3 * KAPPA * x * x);
        return (float) (g * (0.5 * right + dRight));
    }

    private static double inner(double x) {
        return BETA * (x + KAPPA * x * x * x);
    }

    private static double cdf(double x) {
        return 0.5 * erfc(-x * SQRT_HALF);
    }

    /** erfc for any z: 1 − erf(z) from the series near 0, the continued fraction in the tails. */
    static double erfc(double z) {
        double a = Math.abs(z);
        if (a < SERIES_LIMIT) {
            return z < 0 ? 1 + erfSeries(a) : 1 - erfSeries(a);
        }
        double tail = erfcFraction(a);
        return z < 0 ? 2 - tail : tail;
    }

    /** erf(z) = 2/√π · e^(−z²) · Σ (2z²)ⁿ z / (1·3·…·(2n+1)): all terms positive, so nothing cancels. */
    private static double erfSeries(double z) {
        double term = z;
        double sum = z;
        for (int n = 1; term > 1e-17 * sum; n++) {
            term *= 2 * z * z / (2 * n + 1);
            sum += term;
        }
        return 2 / Math.sqrt(Math.PI) * Math.exp(-z * z) * sum;
    }

    /** erfc(z) = e^(−z²)/√π · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + …)))), evaluated from the bottom; z ≥ 2.5. */
    private static double erfcFraction(double z) {
        double f = z;
        for (int k = FRACTION_DEPTH; k >= 1; k--) {
            f = z + (k / 2.0) / f;
        }
        return Math.exp(-z * z) / (Math.sqrt(Math.PI) * f);
    }
}
