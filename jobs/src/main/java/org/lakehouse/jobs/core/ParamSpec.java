package org.lakehouse.jobs.core;

import java.util.function.Function;

/**
 * One job parameter declared once: name, default (as text, as the README shows it), meaning and parser. A parser
 * throws {@link IllegalArgumentException} with the reason when the text is not acceptable.
 *
 * @param <T> the parsed type
 */
public record ParamSpec<T>(String name, String defaultText, String doc, Function<String, T> parser) {
    public ParamSpec {
        if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("parameter names are snake_case: " + name);
        }
    }

    public static ParamSpec<String> text(String name, String defaultText, String doc) {
        return new ParamSpec<>(name, defaultText, doc, v -> {
            if (v.isBlank()) {
                throw new IllegalArgumentException("must not be empty");
            }
            return v.strip();
        });
    }

    /**
     * A file path. Its text is kept as given (stripped); {@link #isPath()} tells callers that take parameters from
     * untrusted sources (the runner's trigger files) to confine it and check what it names.
     */
    public static ParamSpec<String> path(String name, String defaultText, String doc) {
        return new ParamSpec<>(name, defaultText, doc, new PathText());
    }

    /** Whether this parameter names a file. */
    public boolean isPath() {
        return parser instanceof PathText;
    }

    /**
     * A list of Kafka brokers, {@code host:port[,host:port...]} ({@link BrokerAddress#parseList}), given back in the
     * form Kafka takes. {@link #isBrokers()} tells callers that take parameters from untrusted sources (the runner's
     * trigger files) to hold it to the brokers they allow.
     */
    public static ParamSpec<String> brokers(String name, String defaultText, String doc) {
        return new ParamSpec<>(name, defaultText, doc, new BrokersText());
    }

    /** Whether this parameter names Kafka brokers. */
    public boolean isBrokers() {
        return parser instanceof BrokersText;
    }

    /** The parser of path parameters: non-empty text, stripped. */
    private static final class PathText implements Function<String, String> {
        @Override
        public String apply(String v) {
            if (v.isBlank()) {
                throw new IllegalArgumentException("must not be empty");
            }
            return v.strip();
        }
    }

    /** The parser of broker parameters: a valid list, written as Kafka takes it. */
    private static final class BrokersText implements Function<String, String> {
        @Override
        public String apply(String v) {
            return BrokerAddress.join(BrokerAddress.parseList(v));
        }
    }

    public static ParamSpec<Long> positiveLong(String name, String defaultText, String doc) {
        return new ParamSpec<>(name, defaultText, doc, v -> {
            long n;
            try {
                n = Long.parseLong(v.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("is not a whole number");
            }
            if (n <= 0) {
                throw new IllegalArgumentException("must be greater than 0");
            }
            return n;
        });
    }

    public static ParamSpec<Boolean> bool(String name, String defaultText, String doc) {
        return new ParamSpec<>(name, defaultText, doc, v -> switch (v.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        });
    }

    /** Parses {@code text}, naming this parameter in the error. */
    T parse(String job, String text) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw JobErrors.badParam(job, name, text, e.getMessage());
        }
    }
}
