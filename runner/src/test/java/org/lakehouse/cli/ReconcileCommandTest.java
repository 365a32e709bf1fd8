package org.lakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lakehouse.jobs.bronze.BronzeJob;
import org.lakehouse.jobs.core.LakeTable;

/** {@code lakehouse reconcile} without a pipeline: differences exit 1, wrong calls exit 2. */
class ReconcileCommandTest {
    @Test
    void anEmptyLakeIsADifference(@TempDir Path dir) {
        CliRun r = CliRun.run("reconcile", "--data-dir", dir.toString());
        assertThat(r.exitCode()).as("exit code; %s", r.describe()).isEqualTo(1);
        for (LakeTable t : LakeTable.values()) {
            assertThat(r.out()).as("a DIFF line for %s", t.qualifiedName())
                    .contains("DIFF " + t.qualifiedName() + " does not exist: run the pipeline");
        }
        assertThat(r.out()).as("no OK").doesNotContain("OK");
    }

    @Test
    void wrongCallsAreUsageErrors(@TempDir Path dir) {
        CliRun noManifest = CliRun.run("reconcile", "--data-dir", dir.toString(), "--manifest",
                dir.resolve("nope.json").toString());
        assertThat(noManifest.exitCode()).as("a missing manifest; %s", noManifest.describe()).isEqualTo(2);
        assertThat(noManifest.err()).as("what and how").contains("nope.json").contains("lakehouse produce --manifest");

        CliRun both = CliRun.run("reconcile", "--bootstrap", "127.0.0.1:1", "--skip-kafka");
        assertThat(both.exitCode()).as("--bootstrap with --skip-kafka; %s", both.describe()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");

        assertThat(CliRun.run("reconcile", "--help").out()).as("the documented default is the bronze job's")
                .contains(BronzeJob.BOOTSTRAP.defaultText());
    }
}
