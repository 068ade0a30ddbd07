package dev.rnn4j.optim;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.internal.storage.Storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The base of the optimizers, as {@code torch.optim.Optimizer}: parameter groups with their
 * options, per-parameter state, {@link #step()}, {@link #zeroGrad()} and state dicts in
 * PyTorch's structure.
 *
 * <p>Each step follows PyTorch's single-tensor ({@code foreach=False}) update: a parameter
 * without a gradient is skipped, every option is read from its group at each step (so a
 * scheduler's change applies to the next step), and the state lives in {@code float[]} buffers
 * owned by the optimizer.
 */
public abstract class Optimizer {

    private final Map<String, Object> defaults;
    private final Consumer<ParamGroup> checkOptions;
    private final List<ParamGroup> groups = new ArrayList<>();
    private final Map<Tensor, ParamState> state = new IdentityHashMap<>();

    /**
     * @param checkOptions throws PyTorch's message for an invalid option of a group (or of the
     *                     defaults, passed as a group without parameters)
     */
    Optimizer(List<ParamGroup> paramGroups, Map<String, Object> defaults, Consumer<ParamGroup> checkOptions) {
        ParamGroup defaultsGroup = ParamGroup.of();
        defaults.forEach(defaultsGroup::set);
        checkOptions.accept(defaultsGroup);
        if (paramGroups.isEmpty()) {
            throw new IllegalArgumentException("optimizer got an empty parameter list");
        }
        this.defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
        this.checkOptions = checkOptions;
        for (ParamGroup g : paramGroups) {
            addParamGroup(g);
        }
    }

    /** Adds a group, filling its missing options from the defaults; checks everything before adding. */
    public final void addParamGroup(ParamGroup paramGroup) {
        ParamGroup g = paramGroup.copy();
        g.setDefaults(defaults);
        for (Tensor p : g.params()) {
            if (!p.isLeaf()) {
                throw new IllegalArgumentException("can't optimize a non-leaf Tensor");
            }
        }
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        if (!g.params().stream().allMatch(seen::add)) {
            throw new IllegalArgumentException("optimizer contains a parameter group with duplicate parameters");
        }
        for (ParamGroup other : groups) {
            if (other.params().stream().anyMatch(seen::contains)) {
                throw new IllegalArgumentException("some parameters appear in more than one parameter group");
            }
        }
        checkOptions.accept(g);
        groups.add(g);
    }

    /** The groups, live: set {@code "lr"} on one to change the next step. */
    public final List<ParamGroup> paramGroups() {
        return Collections.unmodifiableList(groups);
    }

    public final Map<String, Object> defaults() {
        return defaults;
    }

    /** One update of every parameter that has a gradient. */
    public final void step() {
        try (var g = Torch.noGrad()) {
            for (ParamGroup group : groups) {
                for (Tensor p : group.params()) {
                    if (p.grad() != null) {
                        stepOne(group, p);
                    }
                }
            }
        }
    }

    /**
     * Updates p in its own array when p is all of it (every parameter a module makes) and its gradient has its size,
     * else through a copy as before. update only reads the gradient, and optimizer state is checked against the
     * parameters' shapes when loaded, so the write in place cannot stop half-way.
     */
    private void stepOne(ParamGroup group, Tensor p) {
        float[] grad = Storage.readOrCopy(p.grad());
        float[] values = grad.length == p.numel() ? Storage.write(p) : null;
        if (values != null) {
            update(group, values, grad, state(p));
            return;
        }
        values = p.toFloatArray();
        update(group, values, grad, state(p));
        p.copy_(Torch.fromArray(values, p.shape().toArray()));
    }

    /** Evaluates {@code closure} (with gradients enabled), then steps; returns the closure's loss. */
    public final Tensor step(Supplier<Tensor> closure) {
        Tensor loss;
        try (var g = Torch.enableGrad()) {
            loss = closure.get();
        }
        step();
        return loss;
    }

    /**
     * Updates one parameter: {@code param} holds its values and is written back afterwards;
     * {@code grad} is a copy of its gradient; {@code state} is its entry, empty before its first step.
     */
    abstract void update(ParamGroup group, float[] param, float[] grad, ParamState state);

    /** The state keys this optimizer keeps, in PyTorch's order; a loaded state may hold only these. */
    abstract List<String> stateNames();

    /** Adjusts a group loaded from a state dict, as an optimizer's {@code __setstate__} does. */
    void afterLoad(ParamGroup group) {
    }

    /** The parameter's state entry, created empty on first use, as PyTorch's {@code defaultdict}. */
    final ParamState state(Tensor param) {
        return state.computeIfAbsent(param, p -> new ParamState());
    }

    final Map<Tensor, ParamState> stateMap() {
        return state;
    }

    final Consumer<ParamGroup> checkOptions() {
        return checkOptions;
    }

    /** Drops every gradient, as {@code zero_grad()} (set_to_none, PyTorch 2's default). */
    public final void zeroGrad() {
        zeroGrad(true);
    }

    /** {@code zero_grad(set_to_none)}: drops the gradients, or fills them with zeros. */
    public final void zeroGrad(boolean setToNone) {
        try (var g = Torch.noGrad()) {
            for (ParamGroup group : groups) {
                for (Tensor p : group.params()) {
                    if (p.grad() != null) {
                        if (setToNone) {
                            p.setGrad(null);
                        } else {
                            p.grad().zero_();
                        }
                    }
                }
            }
        }
    }

    /**
     * The state as PyTorch's {@code state_dict()}: {@code "state"} maps a parameter's index (an
     * {@link Integer}, counted across the groups in order) to its entry of tensors (copies), and
     * {@code "param_groups"} lists each group's options with {@code "params"}, its indices, last.
     */
    public final Map<String, Object> stateDict() {
        return OptimizerStateDict.save(this);
    }

    /**
     * Loads a state dict of {@link #stateDict()}'s structure (indices may be {@link Integer} or
     * {@link Long}): the saved groups' options replace the current ones and the saved state the
     * current state. Everything is checked first (PyTorch's messages for the group count and
     * sizes), so a bad state dict changes nothing.
     */
    public final void loadStateDict(Map<String, ?> stateDict) {
        OptimizerStateDict.load(this, stateDict);
    }

    /** PyTorch's repr: each group's options, sorted by key, in Python's spelling. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append(" (");
        for (int i = 0; i < groups.size(); i++) {
            sb.append("\nParameter Group ").append(i).append('\n');
            new TreeMap<>(groups.get(i).options()).forEach((k, v) ->
                    sb.append("    ").append(k).append(": ").append(PyValues.str(v)).append('\n'));
        }
        return sb.append(')').toString();
    }
}
