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
import org.lakehouse.runner.root.BoundedFiles;
import org.lakehouse.runner.root.FileTooLargeException;
import org.lakehouse.runner.root.LogSafe;
import org.lakehouse.runner.root.NotRegularFileException;
import org.lakehouse.runner.root.TriggerRoot;
import org.lakehouse.runner.trigger.TriggerIds;
import org.lakehouse.runner.trigger.TriggerRequest;
import org.lakehouse.runner.trigger.TriggerWriter;
import org.lakehouse.runner.root.TriggerName;
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
    /** Result and error files are the runner's own and small; anything larger is not shown. */
    static final int MAX_FILE_BYTES = 1 << 20;

    private final RunnerConfig config;

    TriggerFolders(RunnerConfig config) {
        this.config = config;
    }

    /** Job → trigger files in {@code incoming/}. */
    Map<String, Integer> waiting() {
        return config.root().waitingByJob();
    }

    /** Job → trigger files in {@code claimed/} (queued or running). */
    Map<String, Integer> claimed() {
        return config.root().claimedByJob();
    }

    /** Where the trigger {@code <job>.<id>.trigger} is now: {@code waiting}, {@code claimed} or empty. */
    Optional<String> place(String job, String id) throws IOException {
        String name = TriggerWriter.fileName(new TriggerRequest(job, id, Map.of(), null, null));
        return config.root().place(name, null).filter(p -> p != TriggerRoot.Place.FAILED)
                .map(p -> p == TriggerRoot.Place.WAITING ? "waiting" : "claimed");
    }

    /** The error files in {@code failed/}, newest first, at most {@link #MAX_FAILED}. */
    List<ErrorReport> failed() throws IOException {
        List<ErrorReport> reports = new ArrayList<>();
        List<Path> files;
        try {
            files = config.root().errorFiles();
        } catch (IOException e) {
            return reports;
        }
        for (Path f : files) {
            try {
                reports.add(ConsoleResponse.JSON.readValue(BoundedFiles.read(f, MAX_FILE_BYTES), ErrorReport.class));
            } catch (NoSuchFileException e) {
                // moved back by someone meanwhile
            } catch (IOException e) {
                LOG.debug("Unreadable error file {}: {}", LogSafe.text(f.getFileName().toString()), e.toString());
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
        if (!f.getParent().equals(dir)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ConsoleResponse.JSON.readTree(BoundedFiles.read(f, MAX_FILE_BYTES)));
        } catch (NoSuchFileException | NotRegularFileException | FileTooLargeException e) {
            return Optional.empty();
        }
    }
}
