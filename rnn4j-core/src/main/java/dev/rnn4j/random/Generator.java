package dev.rnn4j.random;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * PyTorch's CPU random number generator ({@code at::CPUGeneratorImpl}): an MT19937 engine
 * plus the cached second Box–Muller sample, with the tensor fills that {@code uniform_},
 * {@code normal_}/{@code randn} and {@code bernoulli_} perform on contiguous float32 tensors.
 *
 * <p>After the same {@link #manualSeed} the fills reproduce PyTorch's x86 (AVX2/AVX-512)
 * results bit for bit, including how many draws each call consumes. All methods are
 * synchronized, so one generator may be shared between threads like PyTorch's.
 */
public final class Generator {

    /** The seed of a freshly constructed {@code torch.Generator()}. */
    public static final long DEFAULT_SEED = 67280421310721L;

    private static final class DefaultHolder {
        // PyTorch seeds its default generator from the OS at start-up, limited to 53 bits
        // so that the seed survives a round trip through a Python float.
        static final Generator INSTANCE = new Generator(new SecureRandom().nextLong() & ((1L << 53) - 1));
    }

    /** From this range on, {@link #randomFromTo} draws 64 bits per value. */
    private static final long WIDE_RANGE = 1L << 28;

    private final Mt19937 engine;
    private Float nextFloatNormal;
    private Double nextDoubleNormal;

    /** A generator seeded like a fresh {@code torch.Generator()}. */
    public Generator() {
        this(DEFAULT_SEED);
    }

    private Generator(long seed) {
        engine = new Mt19937(seed);
    }

    /** The process-wide generator, like {@code torch.default_generator}; seeded non-deterministically. */
    public static Generator defaultGenerator() {
        return DefaultHolder.INSTANCE;
    }

    /**
     * Reseeds like {@code torch.manual_seed}. Only the low 32 bits reach the engine, but all
     * 64 are reported by {@link #initialSeed}. Also forgets any cached normal sample.
     */
    public synchronized void manualSeed(long seed) {
        engine.seed(seed);
        nextFloatNormal = null;
        nextDoubleNormal = null;
    }

    /** The last seed set, as an unsigned 64-bit value in a long. */
    public synchronized long initialSeed() {
        return engine.seed();
    }

    /** One 32-bit draw, as int bits. */
    public synchronized int random() {
        return engine.nextInt();
    }

    /** Two draws as {@code (first << 32) | second}. */
    public synchronized long random64() {
        long hi = engine.nextInt() & 0xffffffffL;
        long lo = engine.nextInt() & 0xffffffffL;
        return (hi << 32) | lo;
    }

    /** The double in [0, 1) that {@code bernoulli_} and the small {@code normal_} use: 53 bits of {@link #random64}. */
    public synchronized double uniformDouble() {
        return Uniform.double01(random64());
    }

    /** {@code tensor.uniform_(from, to)} on a float32 tensor: one 32-bit draw per element. */
    public synchronized void uniform(float[] dst, int off, int n, double from, double to) {
        Objects.checkFromIndexSize(off, n, dst.length);
        if (!(from <= to)) {
            throw new IllegalArgumentException("uniform_ expects to return a [from, to) range, but found from="
                    + from + " > to=" + to);
        }
        float f = (float) from;
        float t = (float) to;
        for (int i = 0; i < n; i++) {
            dst[off + i] = Uniform.floatRange(engine.nextInt(), f, t);
        }
    }

    /**
     * {@code tensor.normal_(mean, std)} (and {@code torch.randn}) on a contiguous float32
     * tensor of {@code n} elements. From 16 elements up this is the vectorised float32
     * Box–Muller; below that, the double Box–Muller whose spare sample stays cached in the
     * generator, even across later large fills, until the next {@link #manualSeed}.
     */
    public synchronized void normal(float[] dst, int off, int n, double mean, double std) {
        Objects.checkFromIndexSize(off, n, dst.length);
        if (!(std >= 0)) {
            throw new IllegalArgumentException("normal expects std >= 0.0, but found std " + std);
        }
        if (n >= 16) {
            NormalFill.fill(engine, dst, off, n, (float) mean, (float) std);
            return;
        }
        for (int i = 0; i < n; i++) {
            dst[off + i] = (float) normalDouble(mean, std);
        }
    }

    /** {@code tensor.bernoulli_(p)} with a scalar p: one {@link #uniformDouble} per element. */
    public synchronized void bernoulli(float[] dst, int off, int n, double p) {
        Objects.checkFromIndexSize(off, n, dst.length);
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("bernoulli_ expects p to be in [0, 1], but got p=" + p);
        }
        for (int i = 0; i < n; i++) {
            dst[off + i] = uniformDouble() < p ? 1f : 0f;
        }
    }

    /**
     * {@code tensor.random_(from, to)} on an int64 tensor (and {@code torch.randint}): each value is
     * {@code from + draw mod (to − from)}, one 32-bit draw for a range below 2^28, else a 64-bit one (PyTorch 2.x
     * widens from 2^28 to keep the modulo's bias small; 1.13 widened only from 2^32).
     */
    public synchronized void randomFromTo(long[] dst, int off, int n, long from, long to) {
        Objects.checkFromIndexSize(off, n, dst.length);
        if (from >= to) {
            throw new IllegalArgumentException("random_ expects 'from' to be less than 'to', but got from=" + from
                    + " >= to=" + to);
        }
        long range = to - from;   // unsigned: the whole int64 range still fits
        boolean wide = Long.compareUnsigned(range, WIDE_RANGE) >= 0;
        for (int i = 0; i < n; i++) {
            long bits = wide ? random64() : engine.nextInt() & 0xffffffffL;
            dst[off + i] = Long.remainderUnsigned(bits, range) + from;
        }
    }

    /** {@code tensor.exponential_(lambda)} on a float32 tensor: {@code −log1p(−u)/lambda} from one {@link #uniformDouble} each. */
    public synchronized void exponential(float[] dst, int off, int n, double lambda) {
        Objects.checkFromIndexSize(off, n, dst.length);
        if (!(lambda > 0 && lambda < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("exponential_ expects lambda > 0.0, but found lambda=" + lambda);
        }
        for (int i = 0; i < n; i++) {
            dst[off + i] = (float) (-1.0 / lambda * StrictMath.log1p(-uniformDouble()));
        }
    }

    /** {@code at::normal_distribution<double>}; uses PyTorch 2.x's {@code log1p} form. */
    private double normalDouble(double mean, double std) {
        if (nextDoubleNormal != null) {
            double cached = nextDoubleNormal;
            nextDoubleNormal = null;
            return cached * std + mean;
        }
        double u1 = uniformDouble();
        double u2 = uniformDouble();
        double r = Math.sqrt(-2.0 * StrictMath.log1p(-u2));
        double theta = 2.0 * Math.PI * u1;
        nextDoubleNormal = r * StrictMath.sin(theta);
        return r * StrictMath.cos(theta) * std + mean;
    }

    /** A snapshot of everything that determines future draws. */
    public synchronized State getState() {
        return new State(engine.seed(), engine.stateWords(), engine.left(), engine.next(),
                nextFloatNormal, nextDoubleNormal);
    }

    /** Restores a snapshot taken by {@link #getState} (from this or any generator). */
    public synchronized void setState(State s) {
        engine.restore(s.seed(), s.mt(), s.left(), s.next());
        nextFloatNormal = s.nextFloatNormal();
        nextDoubleNormal = s.nextDoubleNormal();
    }

    /**
     * A generator snapshot, field for field PyTorch's {@code CPUGeneratorImplState}: the seed,
     * the 624 MT words, the {@code left}/{@code next} position, and the cached normal samples
     * ({@code null} when absent; the float one is part of PyTorch's state but no fill here sets it).
     */
    public record State(long seed, int[] mt, int left, int next, Float nextFloatNormal, Double nextDoubleNormal) {
        public State {
            if (mt.length != Mt19937.N) {
                throw new IllegalArgumentException("MT19937 state needs " + Mt19937.N + " words, got " + mt.length);
            }
            mt = mt.clone();
        }

        /** A copy, so a snapshot cannot be altered through it. */
        @Override
        public int[] mt() {
            return mt.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof State s && seed == s.seed && left == s.left && next == s.next
                    && Arrays.equals(mt, s.mt) && Objects.equals(nextFloatNormal, s.nextFloatNormal)
                    && Objects.equals(nextDoubleNormal, s.nextDoubleNormal);
        }

        @Override
        public int hashCode() {
            return Objects.hash(seed, Arrays.hashCode(mt), left, next, nextFloatNormal, nextDoubleNormal);
        }

        @Override
        public String toString() {
            return "Generator.State[seed=" + Long.toUnsignedString(seed) + ", left=" + left + ", next=" + next
                    + ", nextDoubleNormal=" + nextDoubleNormal + "]";
        }
    }
}
