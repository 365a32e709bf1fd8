package org.lakehouse.runner.continuous;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.lakehouse.runner.trigger.TriggerRequest;

/**
 * The continuous trigger of one job: an ordinary trigger with the job's continuous params, {@code requested_by:
 * continuous} and an id that is a function of where the job's next run starts reading:
 * {@code <job>-cont-<16 hex of SHA-256 over the params and each partition's committed offset>}.
 *
 * <p><b>Why the committed offsets, not Kafka's end offsets:</b> every runner that looks before the run sees the
 * same committed offsets, whatever arrives meanwhile, so two runners polling one root write the same id and the
 * existing idempotency coalesces them (one run; the other copy waits for it and answers DUPLICATE). End offsets move
 * with every record a producer sends, so two looks a moment apart would name two requests. A failing run leaves the
 * offsets where they were, so its retries reuse the id (and overwrite its files in {@code failed/} and
 * {@code results/} instead of adding new ones).
 *
 * <p>The same committed offsets can come back after the run that read from them succeeded: bronze's checkpoint was
 * reset, or a new broker's topic reached the same offsets. Such an id is answered DUPLICATE, so it would never run
 * again; instead the id is derived once more with the run that used it, as often as needed (the ledger decides, so
 * every runner derives the same id). Pure apart from that ledger lookup.
 */
public final class ContinuousTriggers {
    /** {@code requested_by} of every continuous trigger. */
    public static final String REQUESTED_BY = "continuous";
    /** How many runs an id may be derived past before giving up (and being answered DUPLICATE). */
    private static final int MAX_DERIVATIONS = 16;

    private final String job;
    private final Map<String, String> params;

    /** @param params the params of the job's continuous triggers (empty: its defaults) */
    public ContinuousTriggers(String job, Map<String, String> params) {
        this.job = job;
        this.params = Map.copyOf(params);
    }

    /**
     * The trigger to write for {@code backlog}.
     *
     * @param succeededRun the fleet's ledger: the run a trigger id already succeeded in, if any
     */
    public TriggerRequest request(Backlog backlog, Function<String, Optional<String>> succeededRun) {
        String basis = basis(backlog);
        String id = id(basis);
        for (int i = 0; i < MAX_DERIVATIONS; i++) {
            Optional<String> used = succeededRun.apply(id);
            if (used.isEmpty()) {
                break;
            }
            basis = basis + "after " + used.get() + "\n";
            id = id(basis);
        }
        return new TriggerRequest(job, id, params, REQUESTED_BY, null);
    }

    /** What the id is a hash of: the job, its params and each partition's committed offset, in a fixed order. */
    private String basis(Backlog backlog) {
        StringBuilder b = new StringBuilder("v1\n").append(job).append('\n');
        new TreeMap<>(params).forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        for (PartitionLag p : backlog.partitions()) {
            b.append(p.topic()).append('/').append(p.partition()).append('@')
                    .append(p.committed() == null ? "none" : p.committed().toString()).append('\n');
        }
        return b.toString();
    }

    private String id(String basis) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(basis.getBytes(StandardCharsets.UTF_8));
            return job + "-cont-" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
