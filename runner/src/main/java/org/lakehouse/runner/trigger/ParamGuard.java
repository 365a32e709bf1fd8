package org.lakehouse.runner.trigger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a trigger's params may be, before the job's own allow-list and types: plain names (so no Spark setting,
 * JVM option or class name fits), nothing named like a secret (a trigger is a plain file anyone in its group can
 * read; secrets are configured on the runner's side), no control characters, bounded lengths, and path params
 * confined to the data root: resolved, normalised and, where they exist, followed through links, they must stay
 * inside it. Pure apart from reading the file system to resolve links.
 */
public final class ParamGuard {
    static final int MAX_VALUE = 4096;
    private static final int MAX_NAME_PART = 255;
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern SECRET = Pattern.compile(
            "(?i).*(passw|secret|token|credential|api_?key|private_?key|access_?key|auth|sasl|jaas|keystore|"
                    + "truststore|cert).*");

    private final Path dataRoot;

    public ParamGuard(Path dataRoot) {
        this.dataRoot = dataRoot.toAbsolutePath().normalize();
    }

    /**
     * @param pathParams the job's params that name files or folders
     * @return the params with path params made absolute and canonical
     * @throws BadTriggerException naming the param (never echoing a secret-like value)
     */
    public Map<String, String> check(String job, Map<String, String> params, Set<String> pathParams, String id)
            throws BadTriggerException {
        Map<String, String> checked = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : params.entrySet()) {
            String name = e.getKey();
            String value = e.getValue();
            if (SECRET.matcher(name).matches()) {
                throw new BadTriggerException("The trigger's param '" + TriggerParser.printable(name) + "' looks like "
                        + "a secret. Triggers are plain files and their params are logged and recorded, so secrets "
                        + "never go in them: configure credentials on the runner's side.", id);
            }
            if (!NAME.matcher(name).matches()) {
                throw new BadTriggerException("The trigger's param name '" + TriggerParser.printable(name) + "' is "
                        + "not allowed: names are snake_case job parameters (lakehouse job --help). Spark settings, "
                        + "JVM options and classes cannot be set from a trigger.", id);
            }
            if (value.length() > MAX_VALUE || value.chars().anyMatch(Character::isISOControl)) {
                throw new BadTriggerException("The trigger's param '" + name + "' is over " + MAX_VALUE
                        + " characters or holds control characters (NUL, newline, ...).", id);
            }
            checked.put(name, pathParams.contains(name) ? confine(name, value, id) : value);
        }
        return checked;
    }

    private String confine(String name, String value, String id) throws BadTriggerException {
        String refused = "The trigger's param " + name + "='" + TriggerParser.printable(value) + "' ";
        if (value.contains("%")) {
            throw new BadTriggerException(refused + "holds '%': encoded paths are refused. Give a plain path "
                    + "inside the data root " + dataRoot + ".", id);
        }
        Path p;
        try {
            p = dataRoot.resolve(value).normalize();
        } catch (InvalidPathException e) {
            throw new BadTriggerException(refused + "is not a valid path.", id);
        }
        for (Path part : p) {
            if (part.toString().length() > MAX_NAME_PART) {
                throw new BadTriggerException(refused + "has a name over " + MAX_NAME_PART + " characters.", id);
            }
        }
        if (!p.startsWith(dataRoot) || !realPathInside(p)) {
            throw new BadTriggerException(refused + "resolves outside the data root " + dataRoot + ". Path "
                    + "params must name something inside it (relative paths resolve against it).", id);
        }
        return p.toString();
    }

    /** Follows links of the longest existing prefix: it must still be inside the (real) data root. */
    private boolean realPathInside(Path p) {
        try {
            Path realRoot = Files.exists(dataRoot) ? dataRoot.toRealPath() : dataRoot;
            Path existing = p;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            return existing == null || existing.toRealPath().startsWith(realRoot);
        } catch (IOException e) {
            return false;
        }
    }
}
