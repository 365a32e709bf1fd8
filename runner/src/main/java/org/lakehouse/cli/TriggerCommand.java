package org.lakehouse.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.lakehouse.runner.config.RunnerConfig;
import org.lakehouse.runner.result.ResultStatus;
import org.lakehouse.runner.result.ResultStore;
import org.lakehouse.runner.result.ResultWaiter;
import org.lakehouse.runner.result.RunResult;
import org.lakehouse.runner.trigger.TriggerIds;
import org.lakehouse.runner.root.TriggerName;
import org.lakehouse.runner.trigger.TriggerRequest;
import org.lakehouse.runner.trigger.TriggerWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lakehouse trigger}: drops a trigger atomically and can wait for its result. */
@Command(name = "trigger", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Ask the runner to run a job: write a trigger file atomically into <trigger-root>/incoming.",
            "With --wait, wait for results/<id>.json and exit 0 (SUCCEEDED, or DUPLICATE of a success) or 1."},
        footer = {"", "Examples:",
            "  lakehouse trigger silver --wait",
            "  lakehouse trigger bronze --param max_offsets_per_trigger=50000 --id nightly-2026-12-01 --wait"})
final class TriggerCommand implements Callable<Integer> {
    private static final DateTimeFormatter ID_TS = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
            .withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOB", description = "The job (bronze, silver, gold, maintenance, noop).")
    String job;

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "A job parameter (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--id", paramLabel = "ID", description = "Idempotency id: a second trigger with an id that "
            + "already succeeded answers DUPLICATE instead of running (default: a new id).")
    String id;

    @Option(names = "--requested-by", paramLabel = "WHO", description = "Who asks (default: cli:<user>).")
    String requestedBy;

    @Option(names = "--not-before", paramLabel = "INSTANT",
            description = "Run no earlier than this ISO-8601 instant, e.g. 2026-12-01T18:00:00Z.")
    String notBefore;

    @Option(names = "--wait", description = "Wait for the result; exit 0 on success, 1 on failure or timeout.")
    boolean await;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT30M",
            description = "How long --wait waits, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Mixin
    RunnerConfigOptions options;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (TriggerName.job(job + TriggerName.SUFFIX).isEmpty()) {
            throw new CliUsageException("'" + job + "' is not a job name: use lower-case letters, digits, '_' or '-'.");
        }
        String triggerId = id != null ? id
                : job + "-" + ID_TS.format(Instant.now()) + "-" + UUID.randomUUID().toString().substring(0, 8);
        if (!TriggerIds.valid(triggerId)) {
            throw new CliUsageException("--id '" + triggerId + "' is not allowed: use 1 to 128 letters, digits, "
                    + "'.', '_', '-' or ':', not starting with '.' or '-'.");
        }
        Instant nb = null;
        if (notBefore != null) {
            try {
                nb = Instant.parse(notBefore);
            } catch (DateTimeParseException e) {
                throw new CliUsageException("--not-before '" + notBefore + "' is not an ISO-8601 instant such as "
                        + "2026-12-01T18:00:00Z.");
            }
        }
        RunnerConfig config = options.config();
        if (!Files.isDirectory(config.incoming())) {
            throw new CliException(config.incoming() + " does not exist: start the runner once (`lakehouse "
                    + "runner`), which creates the trigger root, or pass --trigger-root.");
        }
        String who = requestedBy != null ? requestedBy : "cli:" + System.getProperty("user.name", "unknown");
        Instant writtenAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Path file = TriggerWriter.write(config.incoming(), new TriggerRequest(job, triggerId, params, who, nb));
        PrintWriter out = spec.commandLine().getOut();
        out.println("Trigger " + triggerId + " written to " + file);
        out.flush();
        if (!await) {
            return 0;
        }
        Optional<RunResult> result = new ResultWaiter(config.results(), Clock.systemUTC(), Duration.ofMillis(500))
                .await(triggerId, writtenAt, timeout);
        if (result.isEmpty()) {
            throw new CliException("No result for trigger " + triggerId + " after " + timeout + ". Is a runner "
                    + "watching " + config.incoming() + "? See `lakehouse status`.");
        }
        RunResult r = result.get();
        out.println(ResultStore.JSON.writeValueAsString(r));
        out.flush();
        boolean ok = r.status() == ResultStatus.SUCCEEDED || r.status() == ResultStatus.DUPLICATE;
        if (!ok) {
            spec.commandLine().getErr().println("lakehouse trigger: " + r.job() + " failed: " + r.error());
            spec.commandLine().getErr().flush();
        }
        return ok ? 0 : 1;
    }
}
