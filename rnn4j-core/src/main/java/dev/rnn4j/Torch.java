package dev.rnn4j;

import dev.rnn4j.autograd.Op;
import dev.rnn4j.autograd.GradMode;
import dev.rnn4j.autograd.Node;
import dev.rnn4j.internal.parallel.Parallel;
import dev.rnn4j.random.Generator;

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
}
