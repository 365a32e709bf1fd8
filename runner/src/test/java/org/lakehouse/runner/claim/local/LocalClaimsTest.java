package org.lakehouse.runner.claim.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lakehouse.runner.claim.Claim;
import org.lakehouse.runner.claim.OrphanPolicy;
import org.lakehouse.runner.claim.Owner;
import org.lakehouse.runner.claim.Recovery;
import org.lakehouse.runner.config.RunnerConfig;
import org.lakehouse.runner.root.ClaimedName;
import org.lakehouse.runner.root.TriggerRoot;
import org.threeten.extra.MutableClock;

/** Claims, heartbeats and orphan recovery on a fake clock, with several runners in one test. */
class LocalClaimsTest {
    private static final Duration TERM = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    private final MutableClock clock = MutableClock.of(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);
    private TriggerRoot root;

    @BeforeEach
    void setUp() {
        root = RunnerConfig.from(temp, Map.of()).root();
        root.prepare();
    }

    private LocalClaims runner(String id, String host, boolean alive) {
        return new LocalClaims(root, new Owner(host, 4242, id), TERM, new OrphanPolicy("this-host", pid -> alive,
                TERM), clock);
    }

    private Path drop(String name) throws IOException {
        Path f = Files.writeString(root.incoming().resolve(name), "{}");
        Files.setLastModifiedTime(f, FileTime.from(clock.instant()));
        return f;
    }

    private List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void exactlyOneOfTwoRunnersWinsAClaimAndTheNameRecordsTheOwner() throws IOException {
        LocalClaims a = runner("runner-aaaaaaaa", "this-host", true);
        LocalClaims b = runner("runner-bbbbbbbb", "this-host", true);
        Path f = drop("noop.x.trigger");
        assertThat(a.claim(f)).isPresent();
        assertThat(b.claim(f)).as("the file is gone for the second runner").isEmpty();
        assertThat(names(root.claimed())).singleElement()
                .satisfies(n -> assertThat(ClaimedName.parse(n)).hasValueSatisfying(c -> {
                    assertThat(c.runnerId()).isEqualTo("runner-aaaaaaaa");
                    assertThat(c.stored()).isEqualTo("noop.x.trigger");
                }));
    }

    @Test
    void aRemoteRunnersClaimsAreRecoveredOnlyOnceItsLeaseRanOut() throws IOException {
        LocalClaims remote = new LocalClaims(root, new Owner("other-host", 1, "runner-remote1"), TERM,
                new OrphanPolicy("other-host", pid -> true, TERM), clock);
        remote.renew();
        remote.claim(drop("noop.r.trigger")).orElseThrow();
        LocalClaims survivor = runner("runner-survivor", "this-host", true);
        clock.add(TERM.minusSeconds(1));
        assertThat(survivor.recoverOrphans().isEmpty()).as("the lease still holds").isTrue();
        remote.renew();
        clock.add(TERM.minusSeconds(1));
        assertThat(survivor.recoverOrphans().isEmpty()).as("renewed: still its owner's").isTrue();
        clock.add(Duration.ofSeconds(2));
        Recovery r = survivor.recoverOrphans();
        assertThat(r.goneRunners()).containsExactly("runner-remote1");
        assertThat(r.requeued()).containsExactly("noop.r.trigger");
        assertThat(names(root.incoming())).containsExactly("noop.r.trigger");
        assertThat(names(root.runners())).as("the dead runner's heartbeat is removed").isEmpty();
    }

    @Test
    void aLocalRunnerWhoseProcessIsGoneIsAnOrphanAtOnce() throws IOException {
        LocalClaims dead = runner("runner-dead0001", "this-host", false);
        dead.renew();
        dead.claim(drop("noop.d.trigger")).orElseThrow();
        LocalClaims survivor = runner("runner-survivor", "this-host", false);
        assertThat(survivor.recoverOrphans().requeued()).containsExactly("noop.d.trigger");
    }

    @Test
    void aClaimWithoutAHeartbeatWaitsOneTermAndAStoppedRunnersLeaseEndsAtOnce() throws IOException {
        LocalClaims silent = runner("runner-silent01", "other-host", true);
        silent.claim(drop("noop.s.trigger")).orElseThrow();
        LocalClaims survivor = runner("runner-survivor", "this-host", true);
        assertThat(survivor.recoverOrphans().isEmpty()).as("young, no heartbeat yet").isTrue();
        clock.add(TERM.plusSeconds(1));
        assertThat(survivor.recoverOrphans().requeued()).containsExactly("noop.s.trigger");

        LocalClaims stopping = runner("runner-stopping", "other-host", true);
        stopping.renew();
        stopping.claim(drop("noop.t.trigger")).orElseThrow();
        stopping.release();
        clock.add(Duration.ofMillis(1));
        assertThat(survivor.recoverOrphans().requeued()).as("released on stop").containsExactly("noop.t.trigger");
    }

    @Test
    void twoSurvivorsRecoverAnOrphanOnce() throws IOException {
        LocalClaims dead = runner("runner-dead0002", "this-host", false);
        dead.renew();
        dead.claim(drop("noop.o.trigger")).orElseThrow();
        LocalClaims s1 = runner("runner-survive1", "this-host", false);
        LocalClaims s2 = runner("runner-survive2", "this-host", false);
        List<String> first = s1.recoverOrphans().requeued();
        List<String> second = s2.recoverOrphans().requeued();
        assertThat(first.size() + second.size()).as("re-queued once in all").isEqualTo(1);
        assertThat(names(root.incoming())).hasSize(1);
        assertThat(names(root.claimed())).isEmpty();
    }

    @Test
    void aRequeuedTriggerNeverReplacesANewOneOfTheSameName() throws IOException {
        LocalClaims dead = runner("runner-dead0003", "this-host", false);
        dead.renew();
        dead.claim(drop("noop.same.trigger")).orElseThrow();
        Files.writeString(root.incoming().resolve("noop.same.trigger"), "{\"id\": \"new\"}");
        List<String> back = runner("runner-survivor", "this-host", false).recoverOrphans().requeued();
        assertThat(back).singleElement().satisfies(n -> assertThat(n).startsWith("noop.same.recovered-"));
        assertThat(Files.readString(root.incoming().resolve("noop.same.trigger"))).contains("new");
    }

    @Test
    void entriesNotWrittenByTheCodecAreSetAsideAndOldLeasesRemoved() throws IOException {
        Files.writeString(root.claimed().resolve("odd name\nwith newline"), "x");
        Files.createDirectory(root.claimed().resolve("a-folder"));
        Files.writeString(root.claimed().resolve("runner-old00001-3--noop.x.trigger.lease"), "{}");
        Recovery r = runner("runner-survivor", "this-host", true).recoverOrphans();
        assertThat(r.setAside()).hasSize(2);
        assertThat(names(root.claimed())).isEmpty();
        assertThat(names(root.failed())).allSatisfy(n -> assertThat(n).startsWith("unclaimed-"));
    }

    @Test
    void anOversizedOrGarbledHeartbeatCountsAsNoHeartbeat() throws IOException {
        Files.write(root.runners().resolve("runner-big00001.json"), new byte[1 << 20]);
        Files.writeString(root.runners().resolve("runner-bad00001.json"), "{not json");
        LocalClaims survivor = runner("runner-survivor", "this-host", true);
        assertThat(survivor.gone("runner-big00001")).isTrue();
        assertThat(survivor.gone("runner-bad00001")).isTrue();
        assertThat(survivor.gone("../../etc/passwd")).as("not a runner id: never a path").isTrue();
    }

    @Test
    void longAndUnencodableNamesAreClaimedUnderAShortenedName() throws IOException {
        String longName = "noop." + "x".repeat(255 - "noop..trigger".length()) + ".trigger";
        assertThat(longName.getBytes(StandardCharsets.UTF_8)).as("a name the README allows").hasSize(255);
        Claim c = runner("runner-aaaaaaaa", "this-host", true).claim(drop(longName)).orElseThrow();
        assertThat(c.name()).as("the claim keeps the full name").isEqualTo(longName);
        assertThat(c.claimedName().shortened()).isTrue();
        assertThat(c.claimedName().fileName().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        Claim u = runner("runner-aaaaaaab", "this-host", true).claim(drop("noop.café ☕.trigger")).orElseThrow();
        assertThat(u.claimedName().stored()).matches("noop\\.~[0-9a-f]{16}\\.trigger");
    }
}
