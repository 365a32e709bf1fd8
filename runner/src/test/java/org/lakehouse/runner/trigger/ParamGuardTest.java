package org.lakehouse.runner.trigger;

import org.lakehouse.runner.root.LogSafe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lakehouse.runner.config.BrokerAllowList;
import org.lakehouse.runner.config.RunnerConfig;

/**
 * Params that name places: path params must name a regular, readable file inside the data root within the size
 * limit, checked from metadata alone (a FIFO is never opened, so no check may block); broker params must be
 * {@code host:port} lists the allow-list covers.
 */
class ParamGuardTest {
    private static final long MAX_FILE = 1024;
    /** Each check reads metadata only: far below this, and a check that opened a FIFO would hang past it. */
    private static final Duration QUICK = Duration.ofSeconds(1);
    private static final String DEFAULT_BROKERS = "127.0.0.1:*,localhost:*";

    @TempDir
    Path temp;
    private Path root;

    @BeforeEach
    void lake() throws IOException {
        root = Files.createDirectories(temp.resolve("lake"));
    }

    private static ParamGuard guard(Path root, String brokers) {
        return new ParamGuard(root, new RunnerConfig.ParamLimits(MAX_FILE, BrokerAllowList.parse(brokers)));
    }

    private String rules(String value) throws BadTriggerException {
        return assertTimeoutPreemptively(QUICK, () -> guard(root, DEFAULT_BROKERS).check("silver",
                Map.of("rules", value), Set.of("rules"), Set.of(), "t-1").get("rules"), "the check of rules=" + value);
    }

    private String rulesRefused(String value) {
        BadTriggerException e = catchThrowableOfType(BadTriggerException.class, () -> rules(value));
        assertThat(e).as("rules='%s' is refused", value).isNotNull();
        assertThat(e.id()).as("the refusal carries the trigger id").isEqualTo("t-1");
        assertThat(e.getMessage()).as("names the param and its value")
                .contains("rules='" + LogSafe.text(value) + "'");
        return e.getMessage();
    }

    private String bootstrap(String allowed, String value) throws BadTriggerException {
        return assertTimeoutPreemptively(QUICK, () -> guard(root, allowed).check("bronze",
                Map.of("bootstrap", value), Set.of(), Set.of("bootstrap"), "t-2").get("bootstrap"));
    }

    private String bootstrapRefused(String allowed, String value) {
        BadTriggerException e = catchThrowableOfType(BadTriggerException.class,
                () -> bootstrap(allowed, value));
        assertThat(e).as("bootstrap='%s' is refused with trigger-brokers=%s", value, allowed).isNotNull();
        assertThat(e.getMessage()).as("names the param and its value")
                .contains("bootstrap='" + LogSafe.text(value) + "'");
        return e.getMessage();
    }

    // ---- path params

    @ParameterizedTest(name = "rules=''{0}''")
    @ValueSource(strings = {"", " ", "   ", ".", "./", "..", "./..", "../.", "/", " . "})
    void valuesThatNameNoFileAreRefused(String value) {
        assertThat(rulesRefused(value)).as("what and how to fix").contains("names no file")
                .contains("inside the data root " + root).contains("e.g. rules=conf/rules.yaml");
    }

    @Test
    void theDataRootItselfIsRefusedAsAFolder() {
        for (String value : new String[] {root.toString(), root + "/", "conf/..", root + "/./"}) {
            assertThat(rulesRefused(value)).as(value).contains("names a folder (the data root itself)")
                    .contains("Name the file itself");
        }
    }

    @Test
    void aFolderIsRefused() throws IOException {
        Files.createDirectories(root.resolve("conf"));
        assertThat(rulesRefused("conf")).contains("names a folder, not a file");
        assertThat(rulesRefused("conf/")).contains("names a folder, not a file");
    }

    @Test
    void aFifoIsRefusedWithoutBeingOpened() throws Exception {
        Path fifo = mkfifo(root.resolve("rules.yaml"));
        assertThat(rulesRefused("rules.yaml")).as("a FIFO, checked without blocking")
                .contains("names a FIFO (named pipe), not a regular file").contains("Name a regular file");
        Files.createSymbolicLink(root.resolve("link.yaml"), fifo);
        assertThat(rulesRefused("link.yaml")).as("a link inside the root to a FIFO inside it")
                .contains("a FIFO (named pipe)");
        Path outsideFifo = mkfifo(temp.resolve("outside.fifo"));
        Files.createSymbolicLink(root.resolve("out.yaml"), outsideFifo);
        assertThat(rulesRefused("out.yaml")).as("a link to a FIFO outside").contains("resolves outside the data root");
    }

    @Test
    void aSocketIsRefused() throws Exception {
        Path socket = root.resolve("rules.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            assertThat(rulesRefused("rules.sock")).contains("names a socket, not a regular file");
        }
    }

    @Test
    void aLinkToADeviceOrAFileOutsideIsRefused() throws IOException {
        Files.writeString(temp.resolve("secret.yaml"), "rules: []\n");
        Files.createSymbolicLink(root.resolve("escape.yaml"), temp.resolve("secret.yaml"));
        assertThat(rulesRefused("escape.yaml")).contains("resolves outside the data root " + root);
        Files.createSymbolicLink(root.resolve("null.yaml"), Path.of("/dev/null"));
        assertThat(rulesRefused("null.yaml")).contains("resolves outside the data root");
        Files.createSymbolicLink(root.resolve("etc"), Path.of("/etc"));
        assertThat(rulesRefused("etc/passwd")).contains("resolves outside the data root");
    }

    @Test
    void aFileOverTheLimitIsRefusedAndOneAtItIsAccepted() throws Exception {
        Files.write(root.resolve("big.yaml"), new byte[(int) MAX_FILE + 1]);
        assertThat(rulesRefused("big.yaml")).as("what, and both ways to fix it")
                .contains("a file of " + (MAX_FILE + 1) + " bytes, over the runner's limit of " + MAX_FILE)
                .contains("--set max-param-file-bytes=").contains("LAKEHOUSE_RUNNER_MAX_PARAM_FILE_BYTES");
        Path exact = Files.write(root.resolve("exact.yaml"), new byte[(int) MAX_FILE]);
        assertThat(rules("exact.yaml")).as("a file of exactly the limit").isEqualTo(exact.toRealPath().toString());
    }

    @Test
    void anUnreadableFileIsRefused() throws Exception {
        Path file = Files.writeString(root.resolve("rules.yaml"), "rules: []\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "this user reads files whatever their mode (root)");
        assertThat(rulesRefused("rules.yaml")).contains("may not read").contains("chmod g+r");
    }

    @Test
    void aMissingFileIsRefused() {
        assertThat(rulesRefused("conf/missing.yaml")).contains("names no existing file")
                .contains(root.resolve("conf/missing.yaml").toString()).contains("put it there first");
    }

    @Test
    void aGoodFileIsAcceptedAsItsRealPath() throws Exception {
        Path file = Files.writeString(Files.createDirectories(root.resolve("conf")).resolve("rules.yaml"), "x: 1\n");
        String real = file.toRealPath().toString();
        assertThat(rules("conf/rules.yaml")).as("relative").isEqualTo(real);
        assertThat(rules(" conf/../conf/./rules.yaml ")).as("stripped and normalised, as the job reads it")
                .isEqualTo(real);
        assertThat(rules(file.toString())).as("absolute inside the root").isEqualTo(real);
        Files.createSymbolicLink(root.resolve("current.yaml"), file);
        assertThat(rules("current.yaml")).as("a link inside the root: its target, so the job reads what was checked")
                .isEqualTo(real);
    }

    @Test
    void aDataRootReachedThroughALinkStillConfines() throws Exception {
        Path link = Files.createSymbolicLink(temp.resolve("lake-link"), root);
        Path file = Files.writeString(root.resolve("rules.yaml"), "x: 1\n");
        ParamGuard viaLink = guard(link, DEFAULT_BROKERS);
        assertThat(viaLink.check("silver", Map.of("rules", "rules.yaml"), Set.of("rules"), Set.of(), "t").get("rules"))
                .as("a file inside the linked root").isEqualTo(file.toRealPath().toString());
    }

    @Test
    void otherParamsPassUnchanged() throws Exception {
        Map<String, String> checked = guard(root, DEFAULT_BROKERS).check("silver",
                Map.of("default_format", " json ", "max_files_per_trigger", "3"), Set.of("rules"), Set.of(), "t");
        assertThat(checked).as("params that name no place").containsEntry("default_format", " json ")
                .containsEntry("max_files_per_trigger", "3");
    }

    // ---- broker params

    @Test
    void allowedBrokersPassWrittenAsKafkaTakesThem() throws Exception {
        assertThat(bootstrap(DEFAULT_BROKERS, "127.0.0.1:9092")).isEqualTo("127.0.0.1:9092");
        assertThat(bootstrap(DEFAULT_BROKERS, "localhost:29092")).as("any port of localhost")
                .isEqualTo("localhost:29092");
        assertThat(bootstrap(DEFAULT_BROKERS, " 127.0.0.1:1 , LocalHost:2 ")).as("spaces around entries, host case")
                .isEqualTo("127.0.0.1:1,localhost:2");
        assertThat(bootstrap("kafka:9092,*:19092", "kafka:9092,broker-7.example:19092"))
                .as("an exact pattern and a wildcard host").isEqualTo("kafka:9092,broker-7.example:19092");
        assertThat(bootstrap("[::1]:*", "[::1]:9092")).as("a bracketed IPv6 address").isEqualTo("[::1]:9092");
    }

    @Test
    void aForeignBrokerIsRefusedNamingItTheSettingAndTheFix() {
        assertThat(bootstrapRefused(DEFAULT_BROKERS, "evil.example:9092"))
                .contains("names the Kafka broker evil.example:9092")
                .contains("trigger-brokers (" + DEFAULT_BROKERS + ") does not allow")
                .contains("--set trigger-brokers=" + DEFAULT_BROKERS + ",evil.example:9092")
                .contains("LAKEHOUSE_RUNNER_TRIGGER_BROKERS");
        assertThat(bootstrapRefused(DEFAULT_BROKERS, "127.0.0.1:9092,evil.example:9092"))
                .as("one bad entry in a list").contains("broker evil.example:9092");
        assertThat(bootstrapRefused("kafka:9092", "kafka:9093")).as("another port").contains("broker kafka:9093");
        assertThat(bootstrapRefused("", "127.0.0.1:9092")).as("an empty allow-list allows none")
                .contains("trigger-brokers (empty)").contains("--set trigger-brokers=127.0.0.1:9092");
    }

    @ParameterizedTest(name = "bootstrap=''{0}''")
    @ValueSource(strings = {"127.0.0.1.evil.example:9092", "localhost.evil.example:9092", "127.0.0.2:9092",
        "0x7f.1:9092", "2130706433:9092", "[::1]:9092"})
    void lookalikesOfAllowedHostsAreRefused(String value) {
        assertThat(bootstrapRefused(DEFAULT_BROKERS, value)).contains("does not allow");
    }

    @ParameterizedTest(name = "bootstrap=''{0}''")
    @ValueSource(strings = {"kafka", "kafka:abc", ":9092", "127.0.0.1 :9092", "127.0.0.1: 9092", "local host:9092",
        "PLAINTEXT://127.0.0.1:9092", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:9092,,localhost:1",
        "127.0.0.1:9092,", "127.0.0.1:9092/x", "user@127.0.0.1:9092", "*:9092", "localhost.:9092", "", " ", "[::1",
        "::1:9092", "l\u043ecalhost:9092"})
    void oddSyntaxIsRefusedWithTheForm(String value) {
        assertThat(bootstrapRefused(DEFAULT_BROKERS, value)).as("says how a list is written")
                .contains("host:port").doesNotContain("does not allow");
    }

    private static Path mkfifo(Path path) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "mkfifo is not available: " + e.getMessage());
            throw e;
        }
        assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo " + path + " succeeded");
        return path;
    }
}
