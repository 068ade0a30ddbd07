package dev.rnn4j.autograd;

import dev.rnn4j.Tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the backward pass: counts how many edges reach each node, then applies the nodes in
 * an order where every node runs after all nodes that send it a gradient (Kahn's algorithm).
 * Iterative, so a graph of a hundred thousand steps does not overflow the stack.
 */
public final class Engine {

    private Engine() {
    }

    public static void backward(Tensor root, Tensor gradRoot, boolean retainGraph) {
        Edge rootEdge = root.gradientEdge();
        if (rootEdge == null) {
            throw new IllegalStateException("element 0 of tensors does not require grad and does not have a grad_fn");
        }
        Map<Node, Integer> dependencies = countDependencies(rootEdge.node());
        Map<Node, Tensor[]> pending = new IdentityHashMap<>();
        addGradient(pending, rootEdge, gradRoot);
        ArrayDeque<Node> ready = new ArrayDeque<>();
        ready.add(rootEdge.node());
        try (var noGrad = new GradMode.Scope(false)) {
            while (!ready.isEmpty()) {
                Node node = ready.poll();
                Tensor[] gradInputs = node.apply(pending.remove(node), retainGraph);
                Edge[] next = node.nextEdges();
                for (int i = 0; i < next.length; i++) {
                    Edge edge = next[i];
                    if (edge == null) {
                        continue;
                    }
                    if (gradInputs[i] != null) {
                        addGradient(pending, edge, gradInputs[i]);
                    }
                    int left = dependencies.merge(edge.node(), -1, Integer::sum);
                    if (left == 0) {
                        pending.computeIfAbsent(edge.node(), n -> new Tensor[n.numOutputs()]);
                        ready.add(edge.node());
                    }
                }
            }
        }
    }

    private static Map<Node, Integer> countDependencies(Node root) {
        Map<Node, Integer> dependencies = new IdentityHashMap<>();
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

    private static void addGradient(Map<Node, Tensor[]> pending, Edge edge, Tensor grad) {
        Tensor[] slots = pending.computeIfAbsent(edge.node(), n -> new Tensor[n.numOutputs()]);
        Tensor old = slots[edge.outputNr()];
        slots[edge.outputNr()] = old == null ? grad : old.add(grad);
    }
}
