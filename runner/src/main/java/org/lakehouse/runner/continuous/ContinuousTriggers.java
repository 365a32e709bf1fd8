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
 * {@code <job>-cont-<16 hex of SHA-256 over the params, the checkpoint's identity and each partition's committed
 * offset>}.
 *
 * <p><b>Why the committed offsets, not Kafka's end offsets:</b> every runner that looks before the run sees the
 * same committed offsets, whatever arrives meanwhile, so two runners polling one root write the same id and the
 * existing idempotency coalesces them (one run; the other copy waits for it and answers DUPLICATE). End offsets move
 * with every record a producer sends, so two looks a moment apart would name two requests. A failing run leaves the
 * offsets where they were, so its retries reuse the id (and overwrite its files in {@code failed/} and
 * {@code results/} instead of adding new ones).
 *
 * <p>The checkpoint's identity (Spark's query id, new with every new checkpoint) tells a reset checkpoint from the
 * old one at equal offsets. Before bronze's first run there is none, so a lake whose checkpoint was deleted by hand
 * is back at the id of its very first continuous trigger, which succeeded long ago and would be answered DUPLICATE:
 * then the id is derived once more with the run that used it (the ledger decides, so every runner derives the same
 * id). If that one succeeded too, two bronze runs left the position where it was while records wait: continuous mode
 * reads another checkpoint than bronze writes (or the checkpoint was deleted twice at one position), and writing
 * more triggers would only run bronze in a loop, so {@link #request} gives none. Pure apart from the ledger lookup.
 */
public final class ContinuousTriggers {
    /** {@code requested_by} of every continuous trigger. */
    public static final String REQUESTED_BY = "continuous";

    private final String job;
    private final Map<String, String> params;

    /** @param params the params of the job's continuous triggers (empty: its defaults) */
    public ContinuousTriggers(String job, Map<String, String> params) {
        this.job = job;
        this.params = Map.copyOf(params);
    }

    /**
     * The trigger to write for {@code backlog}, or none when two runs already succeeded from this position (see
     * above).
     *
     * @param succeededRun the fleet's ledger: the run a trigger id already succeeded in, if any
     */
    public Optional<TriggerRequest> request(Backlog backlog, Function<String, Optional<String>> succeededRun) {
        String basis = basis(backlog);
        String id = id(basis);
        Optional<String> used = succeededRun.apply(id);
        if (used.isPresent()) {
            id = id(basis + "after " + used.get() + "\n");
            if (succeededRun.apply(id).isPresent()) {
                return Optional.empty();
            }
        }
        return Optional.of(new TriggerRequest(job, id, params, REQUESTED_BY, null));
    }

    /**
     * What the id is a hash of: the job, its params, the checkpoint's identity and each partition's committed offset,
     * in a fixed order.
     */
    private String basis(Backlog backlog) {
        StringBuilder b = new StringBuilder("v1\n").append(job).append('\n');
        new TreeMap<>(params).forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        b.append("checkpoint=").append(backlog.checkpointId() == null ? "none" : backlog.checkpointId()).append('\n');
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
