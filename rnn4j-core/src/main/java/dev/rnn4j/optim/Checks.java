package dev.rnn4j.optim;

/** The hyper-parameter checks of torch.optim's constructors, with their messages. */
final class Checks {

    private Checks() {
    }

    /** PyTorch's {@code if not 0.0 <= value: raise ValueError(f"Invalid {label}: {value}")}; NaN fails. */
    static void atLeastZero(ParamGroup g, String key, String label) {
        if (!(0.0 <= g.getDouble(key))) {
            throw invalid(g, key, label);
        }
    }

    /** SGD's {@code if value < 0.0: raise ...}, which lets NaN through. */
    static void notNegative(ParamGroup g, String key, String label) {
        if (g.getDouble(key) < 0.0) {
            throw invalid(g, key, label);
        }
    }

    static IllegalArgumentException invalid(ParamGroup g, String key, String label) {
        return new IllegalArgumentException("Invalid " + label + ": " + PyValues.str(g.get(key)));
    }
}
