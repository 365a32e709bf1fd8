package org.lakehouse.runner.trigger;

import org.lakehouse.runner.root.LogSafe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.lakehouse.jobs.core.BrokerAddress;
import org.lakehouse.runner.config.BrokerAllowList;
import org.lakehouse.runner.config.RunnerConfig;
import org.lakehouse.runner.config.RunnerSetting;

/**
 * What a trigger's params may be, before the job's own allow-list and types: plain names (so no Spark setting,
 * JVM option or class name fits), nothing named like a secret (a trigger is a plain file anyone in its group can
 * read; secrets are configured on the runner's side), no control characters, bounded lengths; path params confined
 * to the data root (resolved, normalised and followed through links, they must stay inside it) and naming a
 * regular, readable file within {@code max-param-file-bytes}; broker params a {@code host:port} list whose every
 * broker {@code trigger-brokers} allows. Pure apart from reading file metadata: it never opens the file a path
 * param names (opening a FIFO blocks).
 */
public final class ParamGuard {
    static final int MAX_VALUE = 4096;
    private static final int MAX_NAME_PART = 255;
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern SECRET = Pattern.compile(
            "(?i).*(passw|secret|token|credential|api_?key|private_?key|access_?key|auth|sasl|jaas|keystore|"
                    + "truststore|cert).*");

    private final Path dataRoot;
    private final RunnerConfig.ParamLimits limits;

    public ParamGuard(Path dataRoot, RunnerConfig.ParamLimits limits) {
        this.dataRoot = dataRoot.toAbsolutePath().normalize();
        this.limits = limits;
    }

    /**
     * @param pathParams the job's params that name files
     * @param brokerParams the job's params that name Kafka brokers
     * @return the params with path params made the real path of their file and broker lists written as Kafka takes
     *     them, so the job gets exactly what was checked
     * @throws BadTriggerException naming the param (never echoing a secret-like value)
     */
    public Map<String, String> check(String job, Map<String, String> params, Set<String> pathParams,
            Set<String> brokerParams, String id) throws BadTriggerException {
        Map<String, String> checked = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : params.entrySet()) {
            String name = e.getKey();
            String value = e.getValue();
            if (SECRET.matcher(name).matches()) {
                throw new BadTriggerException("The trigger's param '" + LogSafe.text(name) + "' looks like "
                        + "a secret. Triggers are plain files and their params are logged and recorded, so secrets "
                        + "never go in them: configure credentials on the runner's side.", id);
            }
            if (!NAME.matcher(name).matches()) {
                throw new BadTriggerException("The trigger's param name '" + LogSafe.text(name) + "' is "
                        + "not allowed: names are snake_case job parameters (lakehouse job --help). Spark settings, "
                        + "JVM options and classes cannot be set from a trigger.", id);
            }
            if (value.length() > MAX_VALUE || value.chars().anyMatch(Character::isISOControl)) {
                throw new BadTriggerException("The trigger's param '" + name + "' is over " + MAX_VALUE
                        + " characters or holds control characters (NUL, newline, ...).", id);
            }
            if (pathParams.contains(name)) {
                checked.put(name, confine(name, value, id));
            } else if (brokerParams.contains(name)) {
                checked.put(name, brokers(name, value, id));
            } else {
                checked.put(name, value);
            }
        }
        return checked;
    }

    private String confine(String name, String value, String id) throws BadTriggerException {
        String refused = refused(name, value);
        String text = value.strip(); // what the job reads: path params are stripped
        if (namesNoFile(text)) {
            throw new BadTriggerException(refused + "names no file. Path params name a file inside the data root "
                    + dataRoot + " (relative paths resolve against it), e.g. " + name + "=conf/" + name + ".yaml.", id);
        }
        if (text.contains("%")) {
            throw new BadTriggerException(refused + "holds '%': encoded paths are refused. Give a plain path "
                    + "inside the data root " + dataRoot + ".", id);
        }
        Path p;
        try {
            p = dataRoot.resolve(text).normalize();
        } catch (InvalidPathException e) {
            throw new BadTriggerException(refused + "is not a valid path.", id);
        }
        for (Path part : p) {
            if (part.toString().length() > MAX_NAME_PART) {
                throw new BadTriggerException(refused + "has a name over " + MAX_NAME_PART + " characters.", id);
            }
        }
        if (!p.startsWith(dataRoot) || !realPathInside(p)) {
            throw outside(refused, id);
        }
        return regularFile(p, refused, id);
    }

    /** Empty, blank, or only {@code .}, {@code ..} and separators: the data root or above it, never a file. */
    private static boolean namesNoFile(String text) {
        if (text.isEmpty()) {
            return true;
        }
        try {
            for (Path part : Path.of(text)) {
                if (!part.toString().equals(".") && !part.toString().equals("..")) {
                    return false;
                }
            }
            return true;
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /**
     * The real path of the file {@code p} names, once it is known to be a regular, readable file within the limit.
     * Only metadata is read ({@code lstat} of the real path, {@code access}): a FIFO or device is never opened.
     */
    private String regularFile(Path p, String refused, String id) throws BadTriggerException {
        Path real;
        BasicFileAttributes attrs;
        try {
            real = p.toRealPath();
            attrs = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new BadTriggerException(refused + "names no existing file ("
                    + LogSafe.text(p.toString()) + "). Path params name a file that is already inside "
                    + "the data root " + dataRoot + ": put it there first, or fix the path.", id);
        } catch (IOException e) {
            throw new BadTriggerException(refused + "cannot be resolved to a file (" + LogSafe.text(
                    String.valueOf(e.getMessage())) + "). Name a readable file inside the data root " + dataRoot
                    + ".", id);
        }
        if (!real.startsWith(realRoot())) {
            throw outside(refused, id);
        }
        if (attrs.isDirectory()) {
            throw new BadTriggerException(refused + "names a folder" + (real.equals(realRoot())
                    ? " (the data root itself)" : "") + ", not a file. Name the file itself.", id);
        }
        if (!attrs.isRegularFile()) {
            throw new BadTriggerException(refused + "names " + kind(real) + ", not a regular file: a job reading it "
                    + "could block or never finish. Name a regular file.", id);
        }
        long max = limits.maxFileBytes();
        if (attrs.size() > max) {
            throw new BadTriggerException(refused + "names a file of " + attrs.size() + " bytes, over the runner's "
                    + "limit of " + max + " bytes for a file a trigger names. Name a smaller file, or raise the "
                    + "limit: --set " + RunnerSetting.MAX_PARAM_FILE_BYTES.key() + "=<bytes> or "
                    + RunnerConfig.envName(RunnerSetting.MAX_PARAM_FILE_BYTES) + ".", id);
        }
        if (!Files.isReadable(real)) {
            throw new BadTriggerException(refused + "names a file the runner may not read (its permissions). "
                    + "Make it readable by the runner's user or group (e.g. chmod g+r), or name another file.", id);
        }
        return real.toString();
    }

    /** What a file that is neither regular nor a folder is, for the message. */
    private static String kind(Path real) {
        try {
            int type = (Integer) Files.getAttribute(real, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000;
            return switch (type) {
                case 0010000 -> "a FIFO (named pipe)";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "a FIFO, socket or device"; // no unix view: the kind does not matter, only that it is refused
        }
    }

    private String brokers(String name, String value, String id) throws BadTriggerException {
        String refused = refused(name, value);
        List<BrokerAddress> brokers;
        try {
            brokers = BrokerAddress.parseList(value);
        } catch (IllegalArgumentException e) {
            throw new BadTriggerException(refused + e.getMessage() + ".", id);
        }
        BrokerAllowList allowed = limits.brokers();
        for (BrokerAddress broker : brokers) {
            if (!allowed.allows(broker)) {
                String setting = RunnerSetting.TRIGGER_BROKERS.key();
                throw new BadTriggerException(refused + "names the Kafka broker " + broker + ", which the runner's "
                        + "setting " + setting + " (" + (allowed.isEmpty() ? "empty" : allowed) + ") does not "
                        + "allow: a trigger may only point a job at brokers the runner's operator listed. To allow "
                        + "it, add it to that setting: --set " + setting + "=" + (allowed.isEmpty() ? ""
                        : allowed + ",") + broker + " or " + RunnerConfig.envName(RunnerSetting.TRIGGER_BROKERS)
                        + ".", id);
            }
        }
        return BrokerAddress.join(brokers);
    }

    private static String refused(String name, String value) {
        return "The trigger's param " + name + "='" + LogSafe.text(value) + "' ";
    }

    private BadTriggerException outside(String refused, String id) {
        return new BadTriggerException(refused + "resolves outside the data root " + dataRoot + ". Path params "
                + "must name something inside it (relative paths resolve against it).", id);
    }

    /** The data root with its links followed; as configured while it cannot be resolved (not created yet). */
    private Path realRoot() {
        try {
            return dataRoot.toRealPath();
        } catch (IOException e) {
            return dataRoot;
        }
    }

    /** Follows links of the longest existing prefix: it must still be inside the (real) data root. */
    private boolean realPathInside(Path p) {
        Path existing = p;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            return existing == null || existing.toRealPath().startsWith(realRoot());
        } catch (IOException e) {
            return false;
        }
    }
}
