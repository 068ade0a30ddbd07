package dev.rnn4j;

import dev.rnn4j.autograd.AccumulateGrad;
import dev.rnn4j.autograd.Edge;
import dev.rnn4j.autograd.Engine;
import dev.rnn4j.autograd.GradMode;
import dev.rnn4j.autograd.Node;
import dev.rnn4j.format.TensorFormat;
import dev.rnn4j.internal.kernel.Strided;
import dev.rnn4j.internal.storage.Storage;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A dense float32 n-d tensor: a {@code float[]} storage with offset, shape and strides, as in
 * PyTorch, so that {@code select}, {@code transpose}, {@code t()} and most views share storage.
 * Operations return new tensors and record their {@code grad_fn} when a gradient is needed;
 * the few in-place ones say so in their name.
 */
public class Tensor implements Iterable<Tensor> {

    final float[] data;
    final int offset;
    int[] shape;       // replaced (never mutated) by the in-place view op transpose_
    int[] strides;

    static {
        Storage.install(new Storage.Access() {
            @Override
            public float[] whole(Tensor t) {
                return t.isWholeArray() ? t.data : null;
            }

            @Override
            public float[] copy(Tensor t, float[] out) {
                return Copy.intoArray(t, out);
            }

            @Override
            public float[] wholeForWrite(Tensor t) {
                if (!t.isWholeArray()) {
                    return null;
                }
                t.checkInPlace();
                t.version.value++;
                return t.data;
            }
        });
    }

    /** Counts in-place writes to the storage, shared by every view of it, as PyTorch's version counter. */
    static final class Version {
        int value;
    }

    final Version version;
    /** This tensor's hash, drawn when it is made (see {@link #hashCode}). */
    private final int hash = ThreadLocalRandom.current().nextInt();
    private boolean requiresGrad;
    private Tensor grad;
    private Node gradFn;
    private int outputNr;
    private AccumulateGrad accumulator;

    Tensor(float[] data, int offset, int[] shape, int[] strides) {
        this(data, offset, shape, strides, new Version());
    }

    private Tensor(float[] data, int offset, int[] shape, int[] strides, Version version) {
        this.data = data;
        this.offset = offset;
        this.shape = shape;
        this.strides = strides;
        this.version = version;
    }

    /** A view of {@code base}'s storage: it shares the storage's version counter. */
    static Tensor viewOf(Tensor base, int offset, int[] shape, int[] strides) {
        return new Tensor(base.data, offset, shape, strides, base.version);
    }

    /** A new contiguous tensor owning {@code data} (not copied). */
    Tensor(float[] data, int[] shape) {
        this(data, 0, shape, Shape.contiguousStrides(shape));
    }

    /** Shares storage, shape and strides with {@code other}; used by {@code Parameter}. */
    protected Tensor(Tensor other) {
        this(other.data, other.offset, other.shape, other.strides, other.version);
    }

    /**
     * A hash drawn when the tensor was made; equality stays identity. The backward pass keys its bookkeeping by the
     * gradients it creates, and the JVM computes a new object's first identity hash in a runtime call: the
     * hand-stepped seed RNNCell's forward and backward took 13.3 us on average with identity hashes, 11.6 with this
     * (JMH, 4 forks, alternated twice).
     */
    @Override
    public final int hashCode() {
        return hash;
    }

    // ---- shape and storage -------------------------------------------------------------

    /** The sizes; prints as {@code torch.Size([1, 4])}. */
    public Size shape() {
        return new Size(shape);
    }

    /** The same as {@link #shape()}, as PyTorch's {@code size()}. */
    public Size size() {
        return shape();
    }

    public int size(int dim) {
        return shape[Shape.wrapDim(dim, shape.length)];
    }

    public int dim() {
        return shape.length;
    }

    public int numel() {
        return Shape.numel(shape);
    }

    public int[] strides() {
        return strides.clone();
    }

    public boolean isContiguous() {
        return Strided.isContiguous(shape, strides);
    }

    /** Whether this tensor is all of its array, in order from index 0. */
    private boolean isWholeArray() {
        return offset == 0 && data.length == numel() && isContiguous();
    }

    /** The values in row-major order, as a new array. */
    public float[] toFloatArray() {
        if (isContiguous()) {
            int n = numel();
            float[] out = new float[n];
            System.arraycopy(data, offset, out, 0, n);
            return out;
        }
        return Copy.contiguousData(this);
    }

    /** The one value of a one-element tensor. */
    public float item() {
        if (numel() != 1) {
            throw new IllegalArgumentException("a Tensor with " + numel()
                    + " elements cannot be converted to Scalar");
        }
        return data[offset];
    }

    /** The element at the given indices (one per dimension). */
    public float getFloat(int... indices) {
        if (indices.length != shape.length) {
            throw new IllegalArgumentException("expected " + shape.length + " indices, got " + indices.length);
        }
        int pos = offset;
        for (int d = 0; d < indices.length; d++) {
            int i = indices[d] < 0 ? indices[d] + shape[d] : indices[d];
            if (i < 0 || i >= shape[d]) {
                throw new IndexOutOfBoundsException("index " + indices[d] + " is out of bounds for dimension " + d
                        + " with size " + shape[d]);
            }
            pos += i * strides[d];
        }
        return data[pos];
    }

    // ---- autograd ----------------------------------------------------------------------

    /** Sets whether this leaf records operations for a gradient; returns this, as {@code requires_grad_}. */
    public Tensor requiresGrad(boolean requires) {
        if (gradFn != null) {
            throw new IllegalArgumentException("you can only change requires_grad flags of leaf variables."
                    + (requires ? "" : " If you want to use a computed variable in a subgraph that doesn't "
                    + "require differentiation use var_no_grad = var.detach()."));
        }
        requiresGrad = requires;
        return this;
    }

    public boolean requiresGrad() {
        return requiresGrad || gradFn != null;
    }

    public boolean isLeaf() {
        return gradFn == null;
    }

    /** The accumulated gradient of a leaf, or {@code null}. */
    public Tensor grad() {
        return grad;
    }

    public void setGrad(Tensor newGrad) {
        if (newGrad != null && !java.util.Arrays.equals(newGrad.shape, shape)) {
            throw new IllegalArgumentException("assigned grad has data of a different size");
        }
        grad = newGrad;
    }

    /** The operation that produced this tensor, or {@code null} for a leaf. */
    public Node gradFn() {
        return gradFn;
    }

    /** Where a gradient of this tensor flows; {@code null} when none is needed. */
    public Edge gradientEdge() {
        if (gradFn != null) {
            return new Edge(gradFn, outputNr);
        }
        if (!requiresGrad) {
            return null;
        }
        if (accumulator == null) {
            accumulator = new AccumulateGrad(this);
        }
        return new Edge(accumulator, 0);
    }

    /** For operation implementations: marks this fresh tensor as output {@code nr} of {@code node}. */
    public Tensor attachGradFn(Node node, int nr) {
        gradFn = node;
        outputNr = nr;
        return this;
    }

    /** Back-propagates from a one-element tensor (the gradient of a loss). */
    public void backward() {
        // as torch.autograd's _make_grads: the scalar rule applies only to a tensor that requires grad;
        // one that does not fails later with "element 0 of tensors does not require grad ..."
        if (requiresGrad() && numel() != 1) {
            throw new IllegalStateException("grad can be implicitly created only for scalar outputs");
        }
        backward(Torch.onesLike(this), false);
    }

    public void backward(Tensor gradient) {
        backward(gradient, false);
    }

    public void backward(Tensor gradient, boolean retainGraph) {
        if (!java.util.Arrays.equals(gradient.shape, shape)) {
            throw new IllegalArgumentException("Mismatch in shape: grad_output[0] has a shape of "
                    + gradient.shape() + " and output[0] has a shape of " + shape() + ".");
        }
        Engine.backward(this, gradient.detach().contiguous(), retainGraph);
    }

    /** The same storage, cut from the graph. */
    public Tensor detach() {
        return viewOf(this, offset, shape, strides);
    }

    /** How many in-place writes its storage has seen, as PyTorch's {@code _version}. */
    public int version() {
        return version.value;
    }

    // ---- creation of like-shaped tensors -----------------------------------------------

    static Tensor empty(int... shape) {
        return new Tensor(new float[Shape.numel(shape)], shape.clone());
    }

    // ---- views and shape --------------------------------------------------------------

    public Tensor view(int... newShape) {
        return ShapeOps.view(this, newShape, "ViewBackward0");
    }

    public Tensor reshape(int... newShape) {
        return ShapeOps.reshape(this, newShape);
    }

    public Tensor transpose(int dim0, int dim1) {
        return ShapeOps.transpose(this, dim0, dim1, "TransposeBackward0");
    }

    /**
     * Swaps two dimensions of this tensor itself, as {@code transpose_}; its history continues
     * through a {@code TransposeBackward1} node.
     */
    public Tensor transpose_(int dim0, int dim1) {
        checkLeafInPlace();
        Tensor before = viewOf(this, offset, shape, strides);
        before.gradFn = gradFn;
        before.outputNr = outputNr;
        before.requiresGrad = requiresGrad;
        Tensor swapped = ShapeOps.transpose(before, dim0, dim1, "TransposeBackward1");
        shape = swapped.shape;
        strides = swapped.strides;
        if (swapped.gradFn != null) {
            attachGradFn(swapped.gradFn, 0);
        }
        return this;
    }

    /** The transpose of a matrix (and a vector as it is), as PyTorch's {@code t()}. */
    public Tensor t() {
        if (shape.length > 2) {
            throw new IllegalArgumentException("t() expects a tensor with <= 2 dimensions, but self is "
                    + shape.length + "D");
        }
        return shape.length < 2 ? ShapeOps.alias(this, "TBackward0") : ShapeOps.transpose(this, 0, 1, "TBackward0");
    }

    public Tensor select(int dim, int index) {
        return ShapeOps.select(this, dim, index, "SelectBackward0");
    }

    /** {@code x[index]}: the slice at {@code index} of the first dimension. */
    public Tensor get(int index) {
        return select(0, index);
    }

    /** {@code x[start:end]} along {@code dim}. */
    public Tensor narrow(int dim, int start, int length) {
        return ShapeOps.narrow(this, dim, start, length);
    }

    /**
     * The slices of {@code dim} at {@code index}, copied, as {@code index_select}; an index may repeat.
     * Fails with PyTorch's message for an index outside [0, size).
     */
    public Tensor indexSelect(int dim, int[] index) {
        return IndexSelect.indexSelect(this, dim, index);
    }

    public Tensor unsqueeze(int dim) {
        return ShapeOps.unsqueeze(this, dim);
    }

    /** Removes every dimension of size 1. */
    public Tensor squeeze() {
        return ShapeOps.squeezeAll(this);
    }

    /** Removes {@code dim} if its size is 1. */
    public Tensor squeeze(int dim) {
        return ShapeOps.squeeze(this, dim, "SqueezeBackward1");
    }

    public Tensor expand(int... sizes) {
        return ShapeOps.expand(this, sizes);
    }

    public Tensor contiguous() {
        return isContiguous() ? this : clone();
    }

    /** A copy with its own contiguous storage (recorded as {@code CloneBackward0}). */
    @Override
    public Tensor clone() {
        return Copy.clone(this);
    }

    /** The slices along the first dimension, as PyTorch's {@code unbind(0)}. */
    public List<Tensor> unbind() {
        return unbind(0);
    }

    public List<Tensor> unbind(int dim) {
        int d = Shape.wrapDim(dim, shape.length);
        List<Tensor> out = new ArrayList<>(shape[d]);
        for (int i = 0; i < shape[d]; i++) {
            out.add(ShapeOps.select(this, d, i, "UnbindBackward0"));
        }
        return out;
    }

    /** Iterates over the first dimension, as {@code for input in dataset} does in Python. */
    @Override
    public Iterator<Tensor> iterator() {
        if (shape.length == 0) {
            throw new IllegalArgumentException("iteration over a 0-d tensor");
        }
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < shape[0];
            }

            @Override
            public Tensor next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ShapeOps.select(Tensor.this, 0, next++, "UnbindBackward0");
            }
        };
    }

    // ---- arithmetic --------------------------------------------------------------------

    public Tensor add(Tensor other) {
        return Arithmetic.add(this, other, 1f);
    }

    /** {@code this + alpha * other}, as {@code torch.add(a, b, alpha=alpha)}. */
    public Tensor add(Tensor other, float alpha) {
        return Arithmetic.add(this, other, alpha);
    }

    public Tensor add(float scalar) {
        return Arithmetic.addScalar(this, scalar);
    }

    public Tensor sub(Tensor other) {
        return Arithmetic.sub(this, other);
    }

    public Tensor sub(float scalar) {
        return Arithmetic.subScalar(this, scalar);
    }

    public Tensor mul(Tensor other) {
        return Arithmetic.mul(this, other);
    }

    public Tensor mul(float scalar) {
        return Arithmetic.mulScalar(this, scalar);
    }

    public Tensor div(Tensor other) {
        return Arithmetic.div(this, other);
    }

    public Tensor div(float scalar) {
        return Arithmetic.divScalar(this, scalar);
    }

    public Tensor neg() {
        return Arithmetic.neg(this);
    }

    public Tensor matmul(Tensor other) {
        return MatrixOps.matmul(this, other);
    }

    /** Matrix product of two matrices, as {@code torch.mm}. */
    public Tensor mm(Tensor other) {
        return MatrixOps.mm(this, other);
    }

    // ---- element-wise functions --------------------------------------------------------

    public Tensor tanh() {
        return Activations.tanh(this);
    }

    public Tensor sigmoid() {
        return Activations.sigmoid(this);
    }

    public Tensor relu() {
        return Activations.relu(this);
    }

    public Tensor exp() {
        return Activations.exp(this);
    }

    public Tensor log() {
        return Activations.log(this);
    }

    /** log(1 + x), accurate near 0. */
    public Tensor log1p() {
        return Activations.log1p(this);
    }

    public Tensor abs() {
        return Activations.abs(this);
    }

    /** 1/√x. */
    public Tensor rsqrt() {
        return Activations.rsqrt(this);
    }

    /** The exact GELU, x·Φ(x), as {@code F.gelu(x)}. */
    public Tensor gelu() {
        return Activations.gelu(this, "none");
    }

    /** GELU with {@code approximate} {@code "none"} (exact) or {@code "tanh"}, as {@code F.gelu(x, approximate=…)}. */
    public Tensor gelu(String approximate) {
        return Activations.gelu(this, approximate);
    }

    /** exp(x) normalised to sum 1 along {@code dim}, computed without overflow, as {@code softmax(dim)}. */
    public Tensor softmax(int dim) {
        return Softmax.softmax(this, dim);
    }

    /** The logarithm of {@link #softmax}, computed stably, as {@code log_softmax(dim)}. */
    public Tensor logSoftmax(int dim) {
        return Softmax.logSoftmax(this, dim);
    }

    // ---- reductions --------------------------------------------------------------------

    public Tensor sum() {
        return Reductions.sumAll(this);
    }

    public Tensor sum(int dim) {
        return Reductions.sum(this, new int[]{dim}, false);
    }

    public Tensor sum(int dim, boolean keepDim) {
        return Reductions.sum(this, new int[]{dim}, keepDim);
    }

    public Tensor sum(int[] dims, boolean keepDim) {
        return Reductions.sum(this, dims, keepDim);
    }

    /**
     * Sums the broadcast dimensions away so that the result has {@code size}, as {@code sum_to_size};
     * used to take a gradient back to an operand that was broadcast. The grad_fn it records is rnn4j's own.
     */
    public Tensor sumToSize(int... size) {
        boolean expandable = size.length <= shape.length;
        for (int i = 0; expandable && i < size.length; i++) {
            int own = shape[shape.length - size.length + i];
            expandable = size[i] == own || size[i] == 1;
        }
        if (!expandable) {
            throw new IllegalArgumentException("size {" + Shape.list(size) + "} is not expandable to size {"
                    + Shape.list(shape) + "}.");
        }
        return Reductions.sumToShape(this, size);
    }

    public Tensor mean() {
        return Reductions.meanAll(this);
    }

    public Tensor mean(int dim) {
        return Reductions.mean(this, new int[]{dim}, false);
    }

    public Tensor mean(int dim, boolean keepDim) {
        return Reductions.mean(this, new int[]{dim}, keepDim);
    }

    public Tensor mean(int[] dims, boolean keepDim) {
        return Reductions.mean(this, dims, keepDim);
    }

    /** The index of the largest element of the flattened tensor (the first one; NaN counts as largest). */
    public LongTensor argmax() {
        return ArgMax.argmax(this);
    }

    /** The index of the largest element along {@code dim}; that dimension is kept with size 1 if {@code keepDim}. */
    public LongTensor argmax(int dim, boolean keepDim) {
        return ArgMax.argmax(this, dim, keepDim);
    }

    // ---- in place (no graph; for optimizers, initialisation and gradient buffers) -----

    /** Sets every element to 0; returns this. */
    public Tensor zero_() {
        return fill_(0f);
    }

    public Tensor fill_(float value) {
        checkInPlace();
        version.value++;
        Copy.fill(this, value);
        return this;
    }

    /** Copies {@code src} (broadcast to this shape) into this; returns this. */
    public Tensor copy_(Tensor src) {
        checkInPlace();
        version.value++;
        Copy.copyInto(this, src);
        return this;
    }

    /** {@code this += other} element-wise (same shape, or broadcast); returns this. */
    public Tensor addInPlace(Tensor other) {
        checkInPlace();
        version.value++;
        Copy.addInto(this, other, 1f);
        return this;
    }

    /** {@code this += alpha * other}; returns this. */
    public Tensor addInPlace(Tensor other, float alpha) {
        checkInPlace();
        version.value++;
        Copy.addInto(this, other, alpha);
        return this;
    }

    private void checkLeafInPlace() {
        if (GradMode.isEnabled() && requiresGrad() && isLeaf()) {
            throw new IllegalStateException("a leaf Variable that requires grad is being used in an in-place "
                    + "operation.");
        }
    }

    /** In-place writes of values: not on a leaf that requires grad, nor on a tensor inside a graph. */
    private void checkInPlace() {
        checkLeafInPlace();
        if (GradMode.isEnabled() && gradFn != null) {
            // PyTorch would record the write in the graph; rnn4j's in-place ops are for buffers and weights only
            throw new IllegalStateException("in-place operations are not supported on a tensor that is part of "
                    + "a graph (grad_fn=<" + gradFn.name() + ">); use the out-of-place operation");
        }
    }

    // ---- printing ----------------------------------------------------------------------

    /** PyTorch's {@code repr}, character for character. */
    @Override
    public String toString() {
        List<String> suffixes = new ArrayList<>(1);
        if (gradFn != null) {
            suffixes.add("grad_fn=<" + gradFn.name() + ">");
        } else if (requiresGrad) {
            suffixes.add("requires_grad=True");
        }
        return TensorFormat.repr(data, offset, shape, strides, suffixes);
    }
}
