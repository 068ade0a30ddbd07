package dev.rnn4j;

import dev.rnn4j.autograd.Op;
import dev.rnn4j.autograd.GradMode;
import dev.rnn4j.autograd.Node;
import dev.rnn4j.internal.kernel.gemm.Arithmetic;
import dev.rnn4j.internal.parallel.Parallel;
import dev.rnn4j.random.Generator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Static entry points, as the {@code torch} namespace: creation, random numbers, joins, scopes. */
public final class Torch {

    private Torch() {
    }

    // ---- random numbers -----------------------------------------------------------------

    /** Seeds the default generator, as {@code torch.manual_seed}. */
    public static void manualSeed(long seed) {
        Generator.defaultGenerator().manualSeed(seed);
    }

    public static Generator defaultGenerator() {
        return Generator.defaultGenerator();
    }

    /** Standard normal samples, the same numbers as {@code torch.randn} after the same seed. */
    public static Tensor randn(int... shape) {
        return randn(Generator.defaultGenerator(), shape);
    }

    public static Tensor randn(Generator generator, int... shape) {
        Tensor t = zeros(shape);
        generator.normal(t.data, 0, t.data.length, 0.0, 1.0);
        return t;
    }

    /** Uniform samples in [0, 1), as {@code torch.rand}. */
    public static Tensor rand(int... shape) {
        return rand(Generator.defaultGenerator(), shape);
    }

    public static Tensor rand(Generator generator, int... shape) {
        Tensor t = zeros(shape);
        generator.uniform(t.data, 0, t.data.length, 0.0, 1.0);
        return t;
    }

    /** Uniform integers in [low, high), as {@code torch.randint(low, high, shape)} (int64). */
    public static LongTensor randint(long low, long high, int... shape) {
        return randint(Generator.defaultGenerator(), low, high, shape);
    }

    public static LongTensor randint(Generator generator, long low, long high, int... shape) {
        return Sampling.randint(generator, low, high, shape);
    }

    /**
     * Category indices drawn from each row of {@code probs} (1-D: one distribution; 2-D: one per row; weights
     * need not sum to 1), as {@code torch.multinomial}: shape (numSamples) or (rows, numSamples).
     */
    public static LongTensor multinomial(Tensor probs, int numSamples, boolean replacement) {
        return multinomial(Generator.defaultGenerator(), probs, numSamples, replacement);
    }

    public static LongTensor multinomial(Generator generator, Tensor probs, int numSamples, boolean replacement) {
        return Sampling.multinomial(generator, probs, numSamples, replacement);
    }

    // ---- creation -----------------------------------------------------------------------

    /** A tensor holding a copy of {@code data} in the given shape (a vector when no shape is given). */
    public static Tensor tensor(float[] data, int... shape) {
        int[] s = shape.length == 0 ? new int[]{data.length} : shape.clone();
        Shape.checkNonNegative(s);
        if (Shape.numel(s) != data.length) {
            throw new IllegalArgumentException("shape " + Shape.list(s) + " does not hold " + data.length
                    + " values");
        }
        return new Tensor(data.clone(), s);
    }

    /** A tensor over {@code data} itself, not a copy, as {@code torch.from_numpy}: writes show through. */
    public static Tensor fromArray(float[] data, int... shape) {
        Shape.checkNonNegative(shape);
        if (Shape.numel(shape) != data.length) {
            throw new IllegalArgumentException("shape " + Shape.list(shape) + " does not hold " + data.length
                    + " values");
        }
        return new Tensor(data, shape.clone());
    }

    /**
     * A tensor over {@code data} itself with the given storage offset, shape and strides, as
     * {@code torch.as_strided} on a flat storage: what a loaded view into a shared storage is.
     * Every element it reaches must lie inside {@code data}.
     */
    public static Tensor fromArray(float[] data, int offset, int[] shape, int[] strides) {
        Shape.checkNonNegative(shape);
        if (strides.length != shape.length) {
            throw new IllegalArgumentException("mismatch in length of strides and shape");
        }
        long last = offset;
        for (int d = 0; d < shape.length; d++) {
            if (strides[d] < 0) {
                throw new IllegalArgumentException("as_strided: Negative strides are not supported at the moment, "
                        + "got strides: " + Shape.list(strides));
            }
            last += shape[d] == 0 ? 0 : (long) (shape[d] - 1) * strides[d];
        }
        if (offset < 0 || (Shape.numel(shape) > 0 && last >= data.length)) {
            throw new IllegalArgumentException("setStorage: sizes " + Shape.list(shape) + ", strides "
                    + Shape.list(strides) + " and storage offset " + offset + " reach element " + last
                    + " of a storage of " + data.length + " elements");
        }
        return new Tensor(data, offset, shape.clone(), strides.clone());
    }

    /**
     * An int64 tensor holding a copy of {@code data} (a vector when no shape is given; a 0-d one
     * is {@link LongTensor#scalar(long)}).
     */
    public static LongTensor tensor(long[] data, int... shape) {
        return LongTensor.of(data, shape.length == 0 ? new int[]{data.length} : shape);
    }

    /** A 0-d tensor. */
    public static Tensor scalar(float value) {
        return new Tensor(new float[]{value}, new int[0]);
    }

    public static Tensor zeros(int... shape) {
        Shape.checkNonNegative(shape);
        return Tensor.empty(shape);
    }

    public static Tensor ones(int... shape) {
        return full(shape, 1f);
    }

    public static Tensor full(int[] shape, float value) {
        Tensor t = zeros(shape);
        Arrays.fill(t.data, value);
        return t;
    }

    public static Tensor zerosLike(Tensor t) {
        return zeros(t.shape);
    }

    public static Tensor onesLike(Tensor t) {
        return ones(t.shape);
    }

    /** 0, 1, …, end−1 as floats, as {@code torch.arange(end)}. */
    public static Tensor arange(int end) {
        return arange(0, end, 1);
    }

    public static Tensor arange(double start, double end, double step) {
        if (step == 0) {
            throw new IllegalArgumentException("step must be nonzero");
        }
        if ((step > 0 && start > end) || (step < 0 && start < end)) {
            throw new IllegalArgumentException("upper bound and larger bound inconsistent with step sign");
        }
        int n = (int) Math.ceil((end - start) / step);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (start + i * step);
        }
        return new Tensor(v, new int[]{n});
    }

    // ---- joins and products -------------------------------------------------------------

    /** Concatenates along {@code dim}, as {@code torch.cat}. */
    public static Tensor cat(List<Tensor> tensors, int dim) {
        return Joins.cat(tensors.toArray(new Tensor[0]), dim, "CatBackward0");
    }

    public static Tensor cat(Tensor[] tensors, int dim) {
        return Joins.cat(tensors, dim, "CatBackward0");
    }

    /** Stacks along a new first dimension, as {@code torch.stack}. */
    public static Tensor stack(Tensor... tensors) {
        return stack(Arrays.asList(tensors), 0);
    }

    public static Tensor stack(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("stack expects a non-empty TensorList");
        }
        int[] shape = tensors.get(0).shape;
        int d = Shape.wrapDim(dim, shape.length + 1);
        Tensor[] parts = new Tensor[tensors.size()];
        for (int i = 0; i < parts.length; i++) {
            Tensor t = tensors.get(i);
            if (!Arrays.equals(t.shape, shape)) {
                throw new IllegalArgumentException("stack expects each tensor to be equal size, but got "
                        + Shape.list(shape) + " at entry 0 and " + Shape.list(t.shape) + " at entry " + i);
            }
            parts[i] = ShapeOps.unsqueeze(t.detach(), d);
        }
        Tensor out = Joins.cat(parts, d, "StackBackward0").detach();
        return Op.record(out, "StackBackward0", (g, s) -> g[0].unbind(d).toArray(new Tensor[0]),
                tensors.toArray(new Tensor[0]));
    }

    public static Tensor matmul(Tensor a, Tensor b) {
        return a.matmul(b);
    }

    /** bias + a · b, as {@code torch.addmm}. */
    public static Tensor addmm(Tensor bias, Tensor a, Tensor b) {
        return MatrixOps.addmm(bias, a, b);
    }

    // ---- files ------------------------------------------------------------------------------

    /**
     * Reads a {@code torch.save} file as {@code torch.load(f, map_location="cpu", weights_only=True)}
     * does (zip archive or legacy stream, told apart by content), as plain Java values: dicts and
     * OrderedDicts as ordered {@code Map}s (keys as loaded: strings, or Long for int keys), lists and
     * tuples as {@code List}s, floating tensors as float32 {@link Tensor}s ({@code nn.Parameter} as
     * {@link dev.rnn4j.nn.Parameter}), integer and bool tensors as {@link LongTensor}s, ints as
     * {@code Long} ({@code BigInteger} past 64 bits), floats as {@code Double}, strings, booleans,
     * {@code null}; bytes as {@code byte[]}, sets as {@code Set}s, {@code torch.Size} as a list,
     * {@code torch.device} and dtypes as their names ("cuda:0", "torch.float32"). Tensors that view one
     * storage share one float array. Storages saved from cuda or mps load to the CPU.
     *
     * @throws dev.rnn4j.io.FormatException       a damaged or unsupported file, with a one-line reason
     * @throws dev.rnn4j.io.UnsafePickleException a global or opcode weights-only loading refuses
     *                                            ({@code os.system}, a pickled model class); never run
     * @throws IOException                        when the file cannot be read
     */
    public static Object load(Path path) throws IOException {
        return dev.rnn4j.io.TorchFiles.load(path);   // qualified: keeps this file's imports as they were
    }

    /**
     * Writes {@code obj} as {@code torch.save} does, in the zip format that
     * {@code torch.load(f, weights_only=True)} reads: maps as dicts, lists, {@link Tensor}s as float32,
     * {@link LongTensor}s as int64, Parameters as {@code nn.Parameter}, numbers, strings, booleans,
     * {@code null}. The file is written atomically (a temporary file renamed over it).
     *
     * @throws IllegalArgumentException for a value torch.save files cannot hold, before the file is touched
     */
    public static void save(Object obj, Path path) throws IOException {
        dev.rnn4j.io.TorchFiles.save(obj, path);
    }

    // ---- lookups and losses that index by int64 targets --------------------------------------

    /**
     * The rows of {@code weight} (V, D) at {@code indices} (any shape), as {@code torch.embedding}: shape
     * indices.shape + (D). The row {@code paddingIdx} gets no gradient; −1 means no such row.
     */
    public static Tensor embedding(Tensor weight, LongTensor indices, int paddingIdx) {
        return Lookup.embedding(weight, indices, paddingIdx);
    }

    /**
     * The negative log likelihood of class-index targets, as ATen's {@code nll_loss_nd} (what
     * {@code F.nll_loss} calls): input (C), (N, C) or (N, C, d1, …) of log-probabilities, target (), (N) or
     * (N, d1, …); {@code weight} (C) or null. Most code calls {@code dev.rnn4j.nn.Functional.nllLoss}.
     */
    public static Tensor nllLoss(Tensor input, LongTensor target, Tensor weight, Reduction reduction,
                                 long ignoreIndex) {
        return NllLoss.nllLoss(input, target, weight, reduction, ignoreIndex);
    }

    // ---- scopes and settings ------------------------------------------------------------

    /** A scope in which nothing records a graph: {@code try (var g = Torch.noGrad()) { … }}. */
    public static GradMode.Scope noGrad() {
        return new GradMode.Scope(false);
    }

    public static boolean isGradEnabled() {
        return GradMode.isEnabled();
    }

    public static GradMode.Scope enableGrad() {
        return new GradMode.Scope(true);
    }

    /** Sets the size of the one shared thread pool, as {@code torch.set_num_threads}. */
    public static void setNumThreads(int n) {
        Parallel.setNumThreads(n);
    }

    public static int getNumThreads() {
        return Parallel.getNumThreads();
    }

    /**
     * Chooses how matrix products round, for the whole JVM (initially {@code -Drnn4j.exact}, default false). The
     * default fuses each multiply-add and sums in blocks of 256 terms: faster, and more accurate on long sums; the
     * recurrent layers' gates then use a tanh within 2 ulp of the true value. Exact reproduces the order of the
     * reference BLAS that Debian's PyTorch 1.13 used, and its Sleef tanh in the gates, for bit-for-bit comparisons
     * with numbers it computed. Either way, results do not depend on the thread count or on the Vector API.
     */
    public static void setExactArithmetic(boolean exact) {
        Arithmetic.setExact(exact);
    }

    public static boolean isExactArithmetic() {
        return Arithmetic.exact();
    }
}
