package org.lakehouse.jobs.silver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lakehouse.jobs.core.JobException;

/**
 * Silver reads its rules file defensively, whoever names it: only a regular file, and never more than
 * {@link SilverRules#MAX_FILE_BYTES}. Spark-free.
 */
class SilverRulesFileTest {
    private static final Duration QUICK = Duration.ofSeconds(1);
    private static final String RULES = "required: [event_id, event_ts]\nrules:\n"
            + "  - {name: q, expect: 'quantity > 0'}\n";

    @TempDir
    Path dir;

    private static void assertRefused(Path file, String... reason) {
        assertTimeoutPreemptively(QUICK, () -> assertThatThrownBy(() -> SilverRules.load(file)).as("load %s", file)
                .isInstanceOf(JobException.class).matches(e -> ((JobException) e).invalidInput(), "invalid input")
                .hasMessageContaining("The Silver rules file " + file + " is not valid")
                .hasMessageContainingAll(reason), "the check of " + file + " must not block");
    }

    @Test
    void aRegularFileLoads() throws IOException {
        Path file = Files.writeString(dir.resolve("rules.yaml"), RULES);
        assertThat(SilverRules.load(file).rules()).extracting(Rule::name).as("the file's rules").containsExactly("q");
        Path link = Files.createSymbolicLink(dir.resolve("current.yaml"), file);
        assertThat(SilverRules.load(link).rules()).as("through a link to a regular file").hasSize(1);
    }

    @Test
    void aFolderIsRefused() {
        assertRefused(dir, "it is a folder", "name the rules file itself");
    }

    @Test
    void aFifoIsRefusedWithoutBeingOpened() throws Exception {
        Path fifo = dir.resolve("rules.fifo");
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "mkfifo is not available: " + e.getMessage());
            return;
        }
        assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo succeeded");
        assertRefused(fifo, "not a regular file (a FIFO, socket or device)");
        assertRefused(Files.createSymbolicLink(dir.resolve("link.yaml"), fifo), "not a regular file");
    }

    @Test
    void aDeviceIsRefused() {
        Path devZero = Path.of("/dev/zero");
        assumeTrue(Files.exists(devZero), "/dev/zero exists");
        assertRefused(devZero, "not a regular file");
    }

    @Test
    void aFileOverTheLimitIsRefusedAndOneAtItIsRead() throws IOException {
        Path big = Files.write(dir.resolve("big.yaml"), new byte[(int) SilverRules.MAX_FILE_BYTES + 1]);
        assertRefused(big, "it is " + (SilverRules.MAX_FILE_BYTES + 1) + " bytes, over the limit of "
                + SilverRules.MAX_FILE_BYTES + " bytes", "check that the path names the rules file");
        Path small = Files.write(dir.resolve("small.yaml"), new byte[] {'a', 'b', 'c'});
        assertThat(SilverRules.read(small, 3)).as("a file of exactly the limit").hasSize(3);
    }

    @Test
    void aFileLargerThanItsStatedSizeIsStillCapped() {
        Path proc = Path.of("/proc/self/status");
        assumeTrue(Files.isRegularFile(proc), "a /proc file: regular, stated size 0, content longer");
        assertTimeoutPreemptively(QUICK, () -> assertThatThrownBy(() -> SilverRules.read(proc, 16))
                .isInstanceOf(JobException.class).hasMessageContaining("it is more than 16 bytes"));
    }

    @Test
    void aMissingFileSaysSo() {
        assertRefused(dir.resolve("missing.yaml"), "it does not exist");
    }
}
