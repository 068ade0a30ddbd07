package dev.rnn4j.spark;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code --name value} options of a spark-submit job (a flag stands alone); unknown names are errors. */
final class JobArgs {
    private final Map<String, String> values = new HashMap<>();

    JobArgs(String[] args, List<String> options, List<String> flags) {
        Set<String> known = new HashSet<>(options);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (flags.contains(a)) {
                values.put(a, "true");
            } else if (known.contains(a) && i + 1 < args.length) {
                values.put(a, args[++i]);
            } else {
                throw new IllegalArgumentException((known.contains(a) ? a + " needs a value" : "unknown option " + a)
                        + "; options: " + String.join(" ", options) + " " + String.join(" ", flags));
            }
        }
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String text(String name, String orElse) {
        return values.getOrDefault(name, orElse);
    }

    String required(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return v;
    }

    int integer(String name, int orElse) {
        return (int) number(name, orElse);
    }

    long number(String name, long orElse) {
        try {
            return has(name) ? Long.parseLong(values.get(name)) : orElse;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a whole number, got '" + values.get(name) + "'");
        }
    }

    double real(String name, double orElse) {
        try {
            return has(name) ? Double.parseDouble(values.get(name)) : orElse;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a number, got '" + values.get(name) + "'");
        }
    }
}
