package dev.rnn4j.nn;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The base of every layer and model, as PyTorch's {@code nn.Module}: named parameters and
 * children in registration order, state dicts, train/eval mode.
 *
 * <p>Named like PyTorch's class on purpose. It shares its simple name with
 * {@code java.lang.Module}, so code that writes {@code import dev.rnn4j.nn.*;} and refers to
 * {@code Module} must also import it by name: {@code import dev.rnn4j.nn.Module;}.
 */
public abstract class Module {

    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Registers a parameter under {@code name}; {@code null} registers the name as absent, as PyTorch does. */
    protected final Parameter registerParameter(String name, Parameter p) {
        checkName(name);
        parameters.put(name, p);
        return p;
    }

    protected final <M extends Module> M registerModule(String name, M child) {
        checkName(name);
        children.put(name, child);
        return child;
    }

    private void checkName(String name) {
        if (name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("parameter name can't contain \".\" or be empty: \"" + name + "\"");
        }
        if (parameters.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException("attribute '" + name + "' already exists");
        }
    }

    /** Every parameter with its dotted name, in PyTorch's order. */
    public Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collect("", out);
        return Collections.unmodifiableMap(out);
    }

    private void collect(String prefix, Map<String, Parameter> out) {
        parameters.forEach((name, p) -> {
            if (p != null) {
                out.put(prefix + name, p);
            }
        });
        children.forEach((name, child) -> child.collect(prefix + name + ".", out));
    }

    public List<Parameter> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    public Map<String, Module> namedChildren() {
        return Collections.unmodifiableMap(children);
    }

    /** The parameters as detached tensors sharing storage, as {@code state_dict()}. */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        namedParameters().forEach((name, p) -> out.put(name, p.detach()));
        return out;
    }

    /** PyTorch's {@code _IncompatibleKeys}: the keys {@link #loadStateDict(Map, boolean)} did not match. */
    public record IncompatibleKeys(List<String> missingKeys, List<String> unexpectedKeys) {
    }

    /**
     * Copies every tensor of {@code state} into the parameter of the same name. Checks all
     * names and shapes first, so a bad state dict changes nothing (PyTorch's messages).
     */
    public void loadStateDict(Map<String, Tensor> state) {
        loadStateDict(state, true);
    }

    /**
     * As {@code load_state_dict(state, strict)}: copies the tensors whose names match parameters
     * and returns the parameters left unset and the entries left unused. With {@code strict},
     * any such key is an error; a shape mismatch is an error either way. Every check runs
     * before the first copy, so a failing call changes no weight.
     */
    public IncompatibleKeys loadStateDict(Map<String, ? extends Tensor> state, boolean strict) {
        Map<String, Parameter> own = namedParameters();
        List<String> errors = new ArrayList<>();
        List<String> missing = own.keySet().stream().filter(k -> !state.containsKey(k)).toList();
        List<String> unexpected = state.keySet().stream().filter(k -> !own.containsKey(k)).toList();
        if (strict && !missing.isEmpty()) {
            errors.add("Missing key(s) in state_dict: " + quoted(missing) + ". ");
        }
        if (strict && !unexpected.isEmpty()) {
            errors.add("Unexpected key(s) in state_dict: " + quoted(unexpected) + ". ");
        }
        own.forEach((name, p) -> {
            Tensor t = state.get(name);
            if (t != null && !Arrays.equals(t.shape().toArray(), p.shape().toArray())) {
                errors.add("size mismatch for " + name + ": copying a param with shape " + t.shape()
                        + " from checkpoint, the shape in current model is " + p.shape() + ".");
            }
        });
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("Error(s) in loading state_dict for " + getClass().getSimpleName()
                    + ":\n\t" + String.join("\n\t", errors));
        }
        try (var g = Torch.noGrad()) {
            own.forEach((name, p) -> {
                if (state.containsKey(name)) {
                    p.copy_(state.get(name));
                }
            });
        }
        return new IncompatibleKeys(missing, unexpected);
    }

    private static String quoted(List<String> keys) {
        return String.join(", ", keys.stream().map(k -> "\"" + k + "\"").toList());
    }

    /** Training mode (dropout active); returns this. */
    public Module train() {
        return train(true);
    }

    public Module train(boolean mode) {
        training = mode;
        children.values().forEach(c -> c.train(mode));
        return this;
    }

    public Module eval() {
        return train(false);
    }

    public boolean isTraining() {
        return training;
    }

    /** Drops every parameter's gradient, as {@code zero_grad()} (set_to_none, PyTorch 2's default). */
    public void zeroGrad() {
        parameters().forEach(p -> p.setGrad(null));
    }

    /** The text inside the parentheses of this module's repr, as {@code extra_repr}. */
    protected String extraRepr() {
        return "";
    }

    /** PyTorch's module repr: {@code RNN(4, 2, num_layers=2)}, children indented by two. */
    @Override
    public String toString() {
        String name = getClass().getSimpleName();
        if (children.isEmpty()) {
            return name + "(" + extraRepr() + ")";
        }
        StringBuilder sb = new StringBuilder(name).append("(");
        if (!extraRepr().isEmpty()) {
            sb.append("\n  ").append(extraRepr());
        }
        children.forEach((n, c) -> sb.append("\n  (").append(n).append("): ")
                .append(c.toString().replace("\n", "\n  ")));
        return sb.append("\n)").toString();
    }
}
