package dev.rnn4j.autograd;

import dev.rnn4j.Tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the backward pass: counts how many edges reach each node, then applies the nodes in
 * an order where every node runs after all nodes that send it a gradient (Kahn's algorithm).
 * Iterative, so a graph of a hundred thousand steps does not overflow the stack.
 *
 * <p>A gradient that an operation's backward created for one input alone ({@link Op#fresh}) is the pass's own: the
 * engine sums later arrivals into it in place and a leaf takes it as its {@code .grad} without a copy, as PyTorch
 * does for a gradient no one else holds. It stops being the pass's own once a backward function has read it (which
 * may hand it on as it is) or returned it twice.
 */
public final class Engine {

    /** The running pass's own gradients, on the thread that runs it; null outside a pass. */
    private static final ThreadLocal<Set<Tensor>> OWNED = new ThreadLocal<>();

    private Engine() {
    }

    public static void backward(Tensor root, Tensor gradRoot, boolean retainGraph) {
        Edge rootEdge = root.gradientEdge();
        if (rootEdge == null) {
            throw new IllegalStateException("element 0 of tensors does not require grad and does not have a grad_fn");
        }
        Map<Node, Integer> dependencies = countDependencies(rootEdge.node());
        // keyed by identity: Node and Tensor keep identity's equality with a hash of their own
        Map<Node, Tensor[]> pending = new HashMap<>();
        Set<Tensor> owned = new HashSet<>();
        addGradient(pending, owned, rootEdge, gradRoot);
        ArrayDeque<Node> ready = new ArrayDeque<>();
        ready.add(rootEdge.node());
        Set<Tensor> outer = OWNED.get();
        OWNED.set(owned);
        try (var noGrad = new GradMode.Scope(false)) {
            while (!ready.isEmpty()) {
                Node node = ready.poll();
                Tensor[] gradOutputs = pending.remove(node);
                Tensor[] gradInputs = node.apply(gradOutputs, retainGraph);
                disown(owned, gradOutputs, gradInputs);
                Edge[] next = node.nextEdges();
                for (int i = 0; i < next.length; i++) {
                    Edge edge = next[i];
                    if (edge == null) {
                        continue;
                    }
                    if (gradInputs[i] != null) {
                        addGradient(pending, owned, edge, gradInputs[i]);
                    }
                    int left = dependencies.merge(edge.node(), -1, Integer::sum);
                    if (left == 0) {
                        pending.computeIfAbsent(edge.node(), n -> new Tensor[n.numOutputs()]);
                        ready.add(edge.node());
                    }
                }
            }
        } finally {
            OWNED.set(outer);
        }
    }

    /** Marks t, just created by a backward function for one input alone, as the running pass's own. */
    static void own(Tensor t) {
        Set<Tensor> owned = OWNED.get();
        if (owned != null && t != null) {
            owned.add(t);
        }
    }

    /** Whether t is the running pass's own; if so it stops being, its taker now holding it alone. */
    static boolean take(Tensor t) {
        Set<Tensor> owned = OWNED.get();
        return owned != null && owned.remove(t);
    }

    /** What a node read may come back from it as is, and what it returned twice has two holders: neither is owned. */
    private static void disown(Set<Tensor> owned, Tensor[] gradOutputs, Tensor[] gradInputs) {
        if (owned.isEmpty()) {
            return;
        }
        for (Tensor g : gradOutputs) {
            if (g != null) {
                owned.remove(g);
            }
        }
        for (int i = 0; i < gradInputs.length; i++) {
            Tensor g = gradInputs[i];
            for (int j = i + 1; g != null && j < gradInputs.length && owned.contains(g); j++) {
                if (gradInputs[j] == g) {
                    owned.remove(g);
                }
            }
        }
    }

    private static Map<Node, Integer> countDependencies(Node root) {
        Map<Node, Integer> dependencies = new HashMap<>();
        dependencies.put(root, 0);
        List<Node> stack = new ArrayList<>();
        stack.add(root);
        while (!stack.isEmpty()) {
            Node node = stack.remove(stack.size() - 1);
            for (Edge edge : node.nextEdges()) {
                if (edge == null) {
                    continue;
                }
                Integer seen = dependencies.get(edge.node());
                dependencies.put(edge.node(), seen == null ? 1 : seen + 1);
                if (seen == null) {
                    stack.add(edge.node());
                }
            }
        }
        return dependencies;
    }

    /** Adds grad to what the edge's slot holds: in place into a sum that is the pass's own, else into a new one. */
    private static void addGradient(Map<Node, Tensor[]> pending, Set<Tensor> owned, Edge edge, Tensor grad) {
        Tensor[] slots = pending.computeIfAbsent(edge.node(), n -> new Tensor[n.numOutputs()]);
        Tensor old = slots[edge.outputNr()];
        if (old == null) {
            slots[edge.outputNr()] = grad;
        } else if (owned.contains(old) && old.shape().equals(grad.shape()) && old != grad) {
            old.addInPlace(grad);
            owned.remove(grad);
        } else {
            Tensor sum = old.add(grad);
            owned.remove(old);
            owned.remove(grad);
            owned.add(sum);
            slots[edge.outputNr()] = sum;
        }
    }
}
