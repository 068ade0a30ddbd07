package dev.rnn4j.autograd;

import dev.rnn4j.Tensor;

/** The node that ends every path at a leaf: it adds the arriving gradient into {@code leaf.grad()}. */
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
                leaf.setGrad(g.clone());   // a copy: the engine may hand the same buffer to others
            } else {
                old.addInPlace(g);
            }
        }
        return new Tensor[0];
    }
}
