package dev.rnn4j.nn;

import dev.rnn4j.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Modules applied one after another, as {@code nn.Sequential}: children named "0", "1", …, each a {@link Layer}
 * (one tensor in, one tensor out).
 */
public final class Sequential extends Module implements Layer {

    private final List<Layer> layers = new ArrayList<>();

    /** @param modules each must implement {@link Layer} */
    public Sequential(Module... modules) {
        for (Module m : modules) {
            append(m);
        }
    }

    /** Adds a module at the end under the next number, as {@code append}; returns this. */
    public Sequential append(Module module) {
        if (!(module instanceof Layer)) {
            throw new IllegalArgumentException("Sequential: module (" + layers.size() + ") "
                    + (module == null ? "null" : module.getClass().getSimpleName())
                    + " does not map one Tensor to one Tensor (it is not a Layer)");
        }
        registerModule(String.valueOf(layers.size()), module);
        layers.add((Layer) module);
        return this;
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (Layer layer : layers) {
            x = layer.forward(x);
        }
        return x;
    }

    /** The module at {@code index}. */
    public Module get(int index) {
        return (Module) layers.get(index);
    }

    public int size() {
        return layers.size();
    }
}
