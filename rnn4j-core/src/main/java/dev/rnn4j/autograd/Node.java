package dev.rnn4j.autograd;

import dev.rnn4j.Tensor;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A recorded operation: PyTorch's {@code grad_fn}. It keeps the edges to the nodes of its
 * inputs and turns the gradients of its outputs into the gradients of its inputs.
 *
 * <p>{@link #name()} is the name PyTorch prints for the same call ({@code TanhBackward0}), so a
 * printed tensor reads the same in both libraries even where rnn4j fuses several of PyTorch's
 * operations into one node.
 */
public abstract class Node {

    private final String name;
    /** This node's hash, drawn when it is made (see {@link #hashCode}). */
    private final int hash = ThreadLocalRandom.current().nextInt();
    private final Edge[] nextEdges;
    private Object[] saved;
    private int[] savedVersions;
    private boolean freed;

    /** @param inputs the operation's tensor inputs; one that needs no gradient gets no edge */
    protected Node(String name, Tensor... inputs) {
        this.name = name;
        this.nextEdges = new Edge[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            nextEdges[i] = inputs[i] == null ? null : inputs[i].gradientEdge();
        }
    }

    public final String name() {
        return name;
    }

    /**
     * A hash drawn when the node was made; equality stays identity. The backward pass keys its maps by node, and the
     * JVM computes a new object's first identity hash in a runtime call (see {@code Tensor.hashCode}).
     */
    @Override
    public final int hashCode() {
        return hash;
    }

    /** How many tensors this operation produced. */
    public int numOutputs() {
        return 1;
    }

    /**
     * Whether {@link #backward} reads its gradients in any layout (a broadcast sum's, a slice of a concatenation's);
     * otherwise the graph hands it contiguous copies of the others.
     */
    protected boolean takesAnyLayout() {
        return false;
    }

    /**
     * The gradients of the inputs given those of the outputs.
     *
     * @param gradOutputs one per output, contiguous unless {@link #takesAnyLayout}; {@code null} where no gradient
     *                    arrived
     * @return one per input given to the constructor; {@code null} where an input gets none
     */
    protected abstract Tensor[] backward(Tensor[] gradOutputs);

    /** Keeps what the backward pass needs (tensors, arrays); freed after a backward pass without retain. */
    protected final void save(Object... values) {
        saved = values;
        savedVersions = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            savedVersions[i] = values[i] instanceof Tensor t ? t.version() : 0;
        }
    }

    /** A value given to {@link #save}; fails as PyTorch does once the graph was freed. */
    @SuppressWarnings("unchecked")
    protected final <T> T saved(int index) {
        if (freed) {
            throw new IllegalStateException("Trying to backward through the graph a second time (or directly "
                    + "access saved tensors after they have already been freed). Saved intermediate values of "
                    + "the graph are freed when you call .backward() or autograd.grad(). Specify "
                    + "retain_graph=True if you need to backward through the graph a second time or if you "
                    + "need to access saved tensors after calling backward.");
        }
        Object value = saved[index];
        if (value instanceof Tensor t && t.version() != savedVersions[index]) {
            throw new IllegalStateException(modifiedInPlace(t, savedVersions[index]));
        }
        return (T) value;
    }

    /**
     * PyTorch's message for a saved tensor written in place since it was saved (without its hint, which names a
     * PyTorch switch); it names the operation that last produced the tensor as PyTorch does, "MulBackward0" as
     * "Mul".
     */
    private static String modifiedInPlace(Tensor t, int expected) {
        String shape = t.shape().toString().replace("torch.Size(", "").replace(")", "");
        String producer = t.gradFn() == null ? "" : ", which is output " + t.gradientEdge().outputNr() + " of "
                + t.gradFn().name().replaceFirst("Backward(\\d*)$", "$1") + ",";
        return "one of the variables needed for gradient computation has been modified by an inplace operation: "
                + "[torch.FloatTensor " + shape + "]" + producer + " is at version " + t.version()
                + "; expected version " + expected + " instead.";
    }

    final Edge[] nextEdges() {
        return nextEdges;
    }

    final Tensor[] apply(Tensor[] gradOutputs, boolean retainGraph) {
        if (!takesAnyLayout()) {
            for (int i = 0; i < gradOutputs.length; i++) {
                Tensor g = gradOutputs[i];
                if (g != null && !g.isContiguous()) {
                    gradOutputs[i] = Op.fresh(g.contiguous());
                }
            }
        }
        Tensor[] grads = backward(gradOutputs);
        if (!retainGraph && saved != null) {
            for (Object value : saved) {
                if (value instanceof Op.Releasable r) {
                    r.release();
                }
            }
            saved = null;
            savedVersions = null;
            freed = true;
        }
        return grads;
    }

    @Override
    public String toString() {
        return "<" + name + ">";
    }
}
