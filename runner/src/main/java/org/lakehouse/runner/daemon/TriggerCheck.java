package org.lakehouse.runner.daemon;

import java.util.Map;
import java.util.Optional;
import org.lakehouse.runner.claim.Claim;
import org.lakehouse.runner.launch.JobLauncher;
import org.lakehouse.runner.trigger.BadTriggerException;
import org.lakehouse.runner.trigger.ParamGuard;
import org.lakehouse.runner.trigger.TriggerIds;
import org.lakehouse.runner.root.TriggerName;
import org.lakehouse.runner.trigger.TriggerParser;
import org.lakehouse.runner.trigger.TriggerRequest;

/**
 * Whether a claimed trigger can run as written: its name, size, encoding and JSON ({@link TriggerParser}), its job
 * ({@link JobLauncher#jobs()}), its params' shape ({@link ParamGuard}) and the job's own allow-list. Pure apart from
 * the path checks of {@link ParamGuard}.
 */
final class TriggerCheck {
    private final TriggerParser parser;
    private final ParamGuard guard;
    private final JobLauncher launcher;

    TriggerCheck(TriggerParser parser, ParamGuard guard, JobLauncher launcher) {
        this.parser = parser;
        this.guard = guard;
        this.launcher = launcher;
    }

    /** A verdict: the request to run, or why not (with the id and job to answer under). */
    record Verdict(TriggerRequest request, String rejectedId, String rejectedJob, String reason) {
        boolean ok() {
            return request != null;
        }

        static Verdict reject(String id, String job, String reason) {
            return new Verdict(null, id, job, reason);
        }
    }

    /** The id a trigger gets when its own cannot be read. */
    static String fallbackId(Claim claim, byte[] content) {
        return TriggerIds.derive(fallbackJob(claim), claim.name(), content, claim.modifiedMillis());
    }

    static String fallbackJob(Claim claim) {
        return TriggerName.job(claim.name()).orElse("invalid");
    }

    /**
     * The trigger {@code content} holds when it is already complete (a writer's closing brace is there): the parse
     * that the check then reuses, so a trigger is parsed once. Empty when it is empty or does not parse (yet).
     */
    java.util.Optional<TriggerRequest> complete(String name, byte[] content, long modifiedMillis) {
        try {
            return content.length > 0 ? java.util.Optional.of(parser.parse(name, content, modifiedMillis))
                    : java.util.Optional.empty();
        } catch (BadTriggerException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * @param parsed the trigger as parsed before the claim, when the claimed file is unchanged since (else null)
     */
    Verdict check(Claim claim, byte[] content, TriggerRequest parsed) {
        TriggerRequest request = parsed;
        if (request == null) {
            try {
                request = parser.parse(claim.name(), content, claim.modifiedMillis());
            } catch (BadTriggerException e) {
                return Verdict.reject(e.id() != null ? e.id() : fallbackId(claim, content), fallbackJob(claim),
                        e.getMessage());
            }
        }
        if (!launcher.jobs().contains(request.job())) {
            return Verdict.reject(request.id(), request.job(), "There is no job named '" + request.job()
                    + "'. Jobs: " + String.join(", ", new java.util.TreeSet<>(launcher.jobs()))
                    + ". Name the file <job>.trigger.");
        }
        try {
            Map<String, String> params = guard.check(request.job(), request.params(),
                    launcher.pathParams(request.job()), launcher.brokerParams(request.job()), request.id());
            request = new TriggerRequest(request.job(), request.id(), params, request.requestedBy(),
                    request.notBefore());
        } catch (BadTriggerException e) {
            return Verdict.reject(request.id(), request.job(), e.getMessage());
        }
        Optional<String> badParams = launcher.checkParams(request.job(), request.params());
        if (badParams.isPresent()) {
            return Verdict.reject(request.id(), request.job(), badParams.get());
        }
        return new Verdict(request, null, null, null);
    }
}
