package org.lakehouse.jobs.silver;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.lakehouse.jobs.core.JobErrors;
import org.lakehouse.jobs.core.JobException;

/**
 * Silver's rules file ({@code config/silver-rules.yaml}): the required fields, the reference lists standardization
 * maps to, and the ordered rules. Validated here; expressions are compiled against the parsed schema by
 * {@link RuleEngine#compile}.
 */
public record SilverRules(String source, List<String> required, List<String> cities, Map<String, String> products,
        List<Rule> rules) {
    /** The name every undecodable record is quarantined under; reserved, so no rule may take it. */
    public static final String MALFORMED = "malformed";
    static final String RESOURCE = "/lakehouse/silver-rules.yaml";
    /** The largest rules file read (the runner's {@code max-param-file-bytes} has the same default). */
    public static final long MAX_FILE_BYTES = 1024 * 1024;

    public SilverRules {
        required = List.copyOf(required);
        cities = List.copyOf(cities);
        products = Map.copyOf(products);
        rules = List.copyOf(rules);
    }

    private record FileRule(@JsonProperty("name") String name, @JsonProperty("expect") String expect,
            @JsonProperty("action") String action) {
    }

    private record Reference(@JsonProperty("cities") List<String> cities,
            @JsonProperty("products") LinkedHashMap<String, String> products) {
    }

    private record FileLayout(@JsonProperty("required") List<String> required,
            @JsonProperty("reference") Reference reference, @JsonProperty("rules") List<FileRule> rules) {
    }

    /** The file named by {@code lakehouse.root}'s {@code config/}, else the copy in the jar. */
    public static SilverRules loadDefault() {
        String root = System.getProperty("lakehouse.root");
        if (root != null) {
            Path file = Path.of(root, "config", "silver-rules.yaml");
            if (Files.isRegularFile(file)) {
                return load(file);
            }
        }
        try (InputStream in = SilverRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw JobErrors.badRules(RESOURCE, "it is not on the classpath (rebuild the jobs module)", null);
            }
            return parse("classpath:" + RESOURCE, in.readAllBytes());
        } catch (IOException e) {
            throw JobErrors.badRules(RESOURCE, e.getMessage(), e);
        }
    }

    public static SilverRules load(Path file) {
        return parse(file.toString(), read(file, MAX_FILE_BYTES));
    }

    /**
     * The file's bytes, refusing what is not a regular file (a folder, FIFO, socket or device: reading one would
     * fail, block the job or never end) and reading no more than {@code maxBytes} + 1 bytes, so a huge file costs
     * nothing. The runner checks the same before it launches Silver from a trigger; this holds for every caller.
     */
    static byte[] read(Path file, long maxBytes) {
        String source = file.toString();
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw unreadable(source, e);
        }
        if (!attrs.isRegularFile()) {
            throw JobErrors.badRules(source, "it is " + (attrs.isDirectory() ? "a folder" : "not a regular file (a "
                    + "FIFO, socket or device)") + ", not a YAML file; name the rules file itself", null);
        }
        if (attrs.size() > maxBytes) {
            throw tooLarge(source, attrs.size() + " bytes", maxBytes);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
            if (bytes.length > maxBytes) {
                throw tooLarge(source, "more than " + maxBytes + " bytes", maxBytes);
            }
            return bytes;
        } catch (IOException e) {
            throw unreadable(source, e);
        }
    }

    private static JobException unreadable(String source, IOException e) {
        String why = e instanceof NoSuchFileException ? "it does not exist"
                : e instanceof AccessDeniedException ? "the job's user may not read it"
                : "it cannot be read (" + e.getMessage() + ")";
        return JobErrors.badRules(source, why, e);
    }

    private static JobException tooLarge(String source, String size, long maxBytes) {
        return JobErrors.badRules(source, "it is " + size + ", over the limit of " + maxBytes + " bytes for a rules "
                + "file (the shipped one is a few kilobytes); check that the path names the rules file", null);
    }

    static SilverRules parse(String source, byte[] yaml) {
        FileLayout layout;
        try {
            layout = new ObjectMapper(new YAMLFactory())
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(yaml, FileLayout.class);
        } catch (IOException e) {
            throw JobErrors.badRules(source, "it does not parse as the expected YAML (" + JobErrors.firstLine(
                    e.getMessage()) + ")", e);
        }
        if (layout == null || layout.rules() == null || layout.rules().isEmpty()) {
            throw JobErrors.badRules(source, "it has no `rules:` list", null);
        }
        List<String> required = layout.required() == null ? List.of() : layout.required();
        for (String field : required) {
            if (!OrderParser.FIELDS.contains(field)) {
                throw JobErrors.badRules(source, "required field '" + field + "' is not a field of the event ("
                        + String.join(", ", OrderParser.FIELDS) + ")", null);
            }
        }
        Reference ref = layout.reference() == null ? new Reference(List.of(), new LinkedHashMap<>())
                : layout.reference();
        List<Rule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (FileRule r : layout.rules()) {
            Rule rule;
            try {
                rule = new Rule(r.name(), r.expect(), action(r.action()));
            } catch (IllegalArgumentException e) {
                throw JobErrors.badRules(source, e.getMessage(), e);
            }
            if (rule.name().equals(MALFORMED) || !names.add(rule.name())) {
                throw JobErrors.badRules(source, "rule name '" + rule.name() + "' is "
                        + (rule.name().equals(MALFORMED) ? "reserved for undecodable records" : "used twice"), null);
            }
            rules.add(rule);
        }
        for (String key : List.of("event_id", "event_ts")) {
            if (!required.contains(key)) {
                throw JobErrors.badRules(source, "`required` must list " + key + " (event_id is the deduplication "
                        + "key, event_ts decides Silver's partition and Gold's windows)", null);
            }
        }
        return new SilverRules(source, required,
                ref.cities() == null ? List.of() : ref.cities(),
                ref.products() == null ? Map.of() : ref.products(), rules);
    }

    private static RuleAction action(String text) {
        if (text == null) {
            return RuleAction.QUARANTINE;
        }
        try {
            return RuleAction.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("action '" + text + "' is not one of quarantine, warn, fail");
        }
    }

    /** The rule's expression with {@code ${cities}} and {@code ${products}} expanded to quoted SQL lists. */
    public String expand(Rule rule) {
        return rule.expect()
                .replace("${cities}", quoted(cities))
                .replace("${products}", quoted(List.copyOf(new java.util.TreeSet<>(products.keySet()))));
    }

    private static String quoted(List<String> values) {
        if (values.isEmpty()) {
            return "NULL";
        }
        return values.stream().map(v -> "'" + v.replace("'", "''") + "'").collect(Collectors.joining(", "));
    }

    public JobException fail(String detail, Throwable cause) {
        return JobErrors.badRules(source, detail, cause);
    }
}
