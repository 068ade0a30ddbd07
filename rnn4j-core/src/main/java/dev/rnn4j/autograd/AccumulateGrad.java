package dev.rnn4j.autograd;

import dev.rnn4j.Tensor;

/**
 * The node that ends every path at a leaf: it adds the arriving gradient into {@code leaf.grad()}, or makes it the
 * leaf's gradient: the tensor itself where the backward pass holds it alone ({@link Op#fresh}), else a copy.
 */
public final class AccumulateGrad extends Node {

    private final Tensor leaf;

    public AccumulateGrad(Tensor leaf) {
        super("AccumulateGrad");
        this.leaf = leaf;
    }

    public Tensor variable() {
        return leaf;
    }

    @Override
    protected Tensor[] backward(Tensor[] gradOutputs) {
        Tensor g = gradOutputs[0];
        if (g != null) {
            Tensor old = leaf.grad();
            if (old == null) {
                leaf.setGrad(Engine.take(g) ? g : g.clone());
            } else {
                old.addInPlace(g);
            }
        }
        return new Tensor[0];
    }
}
