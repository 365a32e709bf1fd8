package org.lakehouse.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lakehouse.jobs.core.JobMetrics;

/** The spark-submit entry point's contract: exit codes, and the metrics file the runner reads. */
class JobMainTest {
    @Test
    void runsAJobAndWritesItsMetrics(@TempDir Path dir) throws Exception {
        Path metrics = dir.resolve("metrics.json");
        int code = JobMain.run("maintenance", "--data-dir", dir.resolve("data").toString(), "--param",
                "retention_hours=200", "--metrics-file", metrics.toString());
        assertThat(code).as("exit code").isZero();
        JobMetrics read = JobMetrics.fromJson(Files.readString(metrics));
        assertThat(read.job()).isEqualTo("maintenance");
        assertThat(read.rowsOut()).as("tables maintained in an empty lake").isZero();
    }

    @Test
    void usageErrorsExitTwoAndRunFailuresOne(@TempDir Path dir) {
        assertThat(JobMain.run("platinum", "--data-dir", dir.toString())).as("unknown job").isEqualTo(2);
        assertThat(JobMain.run("bronze", "--data-dir", dir.toString(), "--param", "nope=1")).as("unknown param")
                .isEqualTo(2);
        assertThat(JobMain.run("gold", "--data-dir", dir.toString())).as("gold before silver").isEqualTo(1);
        assertThat(JobMain.run()).as("no job named").isEqualTo(2);
    }
}
