package org.lakehouse.runner.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.lakehouse.runner.config.RunnerConfig;
import org.lakehouse.runner.result.ErrorReport;
import org.lakehouse.runner.trigger.TriggerIds;
import org.lakehouse.runner.trigger.TriggerName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-only looks into the trigger root for the console: triggers waiting or claimed per job, the error files in
 * {@code failed/}, and the result and error file of one trigger id. Ids are checked against the protocol's id
 * pattern before they name a file, and links are never followed.
 */
final class TriggerFolders {
    private static final Logger LOG = LoggerFactory.getLogger(TriggerFolders.class);
    static final int MAX_FAILED = 100;

    private final RunnerConfig config;

    TriggerFolders(RunnerConfig config) {
        this.config = config;
    }

    /** Job → trigger files in {@code incoming/}. */
    Map<String, Integer> waiting() throws IOException {
        return countByJob(config.incoming(), false);
    }

    /** Job → trigger files in {@code claimed/} (queued or running). */
    Map<String, Integer> claimed() throws IOException {
        return countByJob(config.claimed(), true);
    }

    private static Map<String, Integer> countByJob(Path dir, boolean claimed) throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        for (String name : triggerNames(dir)) {
            String original = claimed && name.contains("--") ? name.substring(name.indexOf("--") + 2) : name;
            counts.merge(TriggerName.job(original).orElse("(invalid name)"), 1, Integer::sum);
        }
        return counts;
    }

    private static List<String> triggerNames(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return names;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + TriggerName.SUFFIX)) {
            files.forEach(f -> names.add(f.getFileName().toString()));
        }
        return names;
    }

    /** Where the trigger {@code <job>.<id>.trigger} is now: {@code waiting}, {@code claimed} or empty. */
    Optional<String> place(String job, String id) throws IOException {
        String name = job + "." + id.replace(':', '_') + TriggerName.SUFFIX;
        if (triggerNames(config.incoming()).contains(name)) {
            return Optional.of("waiting");
        }
        if (triggerNames(config.claimed()).stream().anyMatch(n -> n.endsWith("--" + name))) {
            return Optional.of("claimed");
        }
        return Optional.empty();
    }

    /** The error files in {@code failed/}, newest first, at most {@link #MAX_FAILED}. */
    List<ErrorReport> failed() throws IOException {
        List<ErrorReport> reports = new ArrayList<>();
        Path dir = config.failed();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return reports;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.error.json")) {
            for (Path f : files) {
                try {
                    if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                        reports.add(ConsoleResponse.JSON.readValue(Files.readAllBytes(f), ErrorReport.class));
                    }
                } catch (NoSuchFileException e) {
                    // moved back by someone meanwhile
                } catch (IOException e) {
                    LOG.debug("Unreadable error file {}: {}", f.getFileName(), e.toString());
                }
            }
        }
        reports.sort(Comparator.comparing(ErrorReport::at, Comparator.nullsLast(Comparator.reverseOrder())));
        return reports.size() > MAX_FAILED ? reports.subList(0, MAX_FAILED) : reports;
    }

    /** {@code results/<id>.json} as written, if present. */
    Optional<JsonNode> resultFile(String id) throws IOException {
        return file(config.results(), id, ".json");
    }

    /** {@code failed/<id>.error.json} as written, if present. */
    Optional<JsonNode> errorFile(String id) throws IOException {
        return file(config.failed(), id, ".error.json");
    }

    private static Optional<JsonNode> file(Path dir, String id, String suffix) throws IOException {
        if (!TriggerIds.valid(id)) {
            return Optional.empty();
        }
        Path f = dir.resolve(id + suffix);
        if (!f.getParent().equals(dir) || !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ConsoleResponse.JSON.readTree(Files.readAllBytes(f)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }
}
