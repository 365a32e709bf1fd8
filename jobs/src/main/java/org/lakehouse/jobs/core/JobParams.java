package org.lakehouse.jobs.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A job's parameters, checked against its declared {@link ParamSpec}s: unknown names and bad values fail here. */
public final class JobParams {
    private final String job;
    private final Map<String, ParamSpec<?>> specs = new LinkedHashMap<>();
    private final Map<String, String> given;

    private JobParams(String job, List<ParamSpec<?>> specs, Map<String, String> given) {
        this.job = job;
        specs.forEach(s -> this.specs.put(s.name(), s));
        this.given = new TreeMap<>(given);
    }

    /** Validates every given parameter now, so a typo fails before any Spark work starts. */
    public static JobParams of(String job, List<ParamSpec<?>> specs, Map<String, String> given) {
        JobParams params = new JobParams(job, specs, given);
        given.forEach((k, v) -> {
            ParamSpec<?> spec = params.specs.get(k);
            if (spec == null) {
                throw JobErrors.unknownParam(job, k, params.specs.keySet());
            }
            spec.parse(job, v);
        });
        return params;
    }

    /** The given value, else the default; empty when neither exists. */
    public <T> java.util.Optional<T> find(ParamSpec<T> spec) {
        if (!specs.containsKey(spec.name())) {
            throw new IllegalStateException(job + " does not declare parameter " + spec.name());
        }
        String text = given.getOrDefault(spec.name(), spec.defaultText());
        return text == null ? java.util.Optional.empty() : java.util.Optional.of(spec.parse(job, text));
    }

    public <T> T get(ParamSpec<T> spec) {
        return find(spec).orElseThrow(() -> JobErrors.missingParam(job, spec));
    }

    /** The parameters as given (not the defaults), for the run record. */
    public Map<String, String> given() {
        return Map.copyOf(given);
    }
}
