package dev.rnn4j.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options of one command; anything unknown is an error that names it. */
final class Options {

    private final Map<String, String> values = new HashMap<>();

    Options(String[] args, String... known) {
        Set<String> names = Set.of(known);
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!names.contains(name)) {
                throw new IllegalArgumentException("unknown option '" + name + "'");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + name + " needs a value");
            }
            values.put(name, args[++i]);
        }
    }

    /** The option's value, or null when it was not given. */
    Long longValue(String name) {
        String v = values.get(name);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " expects an integer, got '" + v + "'");
        }
    }
}
