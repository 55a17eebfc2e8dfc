package dev.aoi.producer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Parsed {@code --name value} options and {@code --flag}s of a subcommand; unknown names are refused. */
public record Arguments(String command, Map<String, String> options) {

    /** Parses {@code args} (after the subcommand name); {@code flags} take no value. */
    public static Arguments parse(String command, String[] args, int from, Set<String> valued, Set<String> flags) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException(command + ": unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flags.contains(name)) {
                options.put(name, value == null ? "true" : value);
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(command + ": --" + name + " needs a value");
                    }
                    value = args[++i];
                }
                options.put(name, value);
            } else {
                throw new IllegalArgumentException(command + ": unknown option --" + name
                        + " (known: " + String.join(", ", valued) + (flags.isEmpty() ? "" : ", " + String.join(", ", flags)) + ")");
            }
        }
        return new Arguments(command, Map.copyOf(options));
    }

    public boolean has(String name) {
        return options.containsKey(name);
    }

    public boolean flag(String name) {
        return "true".equalsIgnoreCase(options.get(name));
    }

    public String text(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    public String required(String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(command + ": --" + name + " is required");
        }
        return value;
    }

    public long number(String name, long fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(command + ": --" + name + " must be a whole number, got '" + value + "'");
        }
    }

    public double decimal(String name, double fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(command + ": --" + name + " must be a number, got '" + value + "'");
        }
    }
}
