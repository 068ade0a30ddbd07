package dev.rnn4j.autograd;

import dev.rnn4j.Tensor;

import java.util.function.UnaryOperator;

/**
 * The one way an operation records itself in the graph: its outputs, the {@code grad_fn} name PyTorch shows, the
 * inputs, the values its backward needs and the backward math. Nothing is recorded when gradients are off or no
 * input requires one. Used alike by the tensor ops, the packing functions and the fused recurrent layer:
 * <pre>
 *   Tensor out = …;
 *   return Op.record(out, "MulBackward0", Op.save(a.detach(), b.detach()),
 *           (g, s) -&gt; new Tensor[]{g[0].mul(s.get(1)), g[0].mul(s.get(0))}, a, b);
 * </pre>
 */
public final class Op {

    /** The backward math: the inputs' gradients (null where an input gets none) from the outputs' gradients. */
    @FunctionalInterface
    public interface Backward {
        /**
         * @param gradOutputs one per output, contiguous unless {@link #takesAnyLayout}; null where no gradient
         *                    arrived
         * @param saved       the values given to {@link #save}
         */
        Tensor[] apply(Tensor[] gradOutputs, Saved saved);

        /** Whether {@link #apply} reads gradients of any layout; else they come contiguous. */
        default boolean takesAnyLayout() {
            return false;
        }
    }

    /** The values an operation saved; reading one after the graph was freed, or written in place since, fails. */
    public interface Saved {
        <T> T get(int index);
    }

    /**
     * A saved value that holds buffers worth reusing: the graph calls {@link #release} once, when it frees the node's
     * saved values after a backward pass without retain_graph. A graph dropped without one leaves it to the GC.
     */
    public interface Releasable {
        void release();
    }

    private static final Object[] NOTHING = new Object[0];

    private Op() {
    }

    /** Whether an operation on these inputs must record a node: gradients are on and one input requires one. */
    public static boolean needsGrad(Tensor... inputs) {
        if (!GradMode.isEnabled()) {
            return false;
        }
        for (Tensor t : inputs) {
            if (t != null && t.requiresGrad()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Marks a gradient that a backward function has just created and returns for one input, holding no other
     * reference to it: the backward pass may then sum into it in place or make it a leaf's gradient without a copy.
     * Returns t. Outside a backward pass it does nothing.
     */
    public static Tensor fresh(Tensor t) {
        Engine.own(t);
        return t;
    }

    /** Values for the backward pass, in the order {@link Saved#get} reads them. */
    public static Object[] save(Object... values) {
        return values;
    }

    /** Records {@code out} as the only output of a node over {@code inputs} that saves nothing. */
    public static Tensor record(Tensor out, String name, Backward backward, Tensor... inputs) {
        return record(out, name, NOTHING, backward, inputs);
    }

    /** Records {@code out} as a one-input op that saves nothing: the input's gradient is {@code map(g)}. */
    public static Tensor record(Tensor out, String name, UnaryOperator<Tensor> map, Tensor input) {
        return record(out, name, NOTHING, (g, s) -> new Tensor[]{g[0] == null ? null : map.apply(g[0])}, input);
    }

    /** Records {@code out} as the only output of a node over {@code inputs}; returns out. */
    public static Tensor record(Tensor out, String name, Object[] saved, Backward backward, Tensor... inputs) {
        record(new Tensor[]{out}, name, saved, backward, inputs);
        return out;
    }

    /** Records {@code outputs} (null entries allowed) as the outputs of one node over {@code inputs}. */
    public static void record(Tensor[] outputs, String name, Object[] saved, Backward backward, Tensor... inputs) {
        if (!needsGrad(inputs)) {
            return;
        }
        FunctionNode node = new FunctionNode(name, outputs.length, backward, inputs);
        node.keep(saved);
        for (int i = 0; i < outputs.length; i++) {
            if (outputs[i] != null) {
                outputs[i].attachGradFn(node, i);
            }
        }
    }

    /** A node whose backward is a function. */
    private static final class FunctionNode extends Node implements Saved {
        private final int outputs;
        private final Backward backward;

        FunctionNode(String name, int outputs, Backward backward, Tensor... inputs) {
            super(name, inputs);
            this.outputs = outputs;
            this.backward = backward;
        }

        void keep(Object[] values) {
            if (values.length > 0) {
                save(values);
            }
        }

        @Override
        public int numOutputs() {
            return outputs;
        }

        @Override
        protected boolean takesAnyLayout() {
            return backward.takesAnyLayout();
        }

        @Override
        protected Tensor[] backward(Tensor[] gradOutputs) {
            return backward.apply(gradOutputs, this);
        }

        @Override
        public <T> T get(int index) {
            return saved(index);
        }
    }
}
