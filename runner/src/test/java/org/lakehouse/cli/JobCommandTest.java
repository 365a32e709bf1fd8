package org.lakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lakehouse.jobs.Jobs;
import org.lakehouse.jobs.core.Job;
import org.lakehouse.jobs.core.ParamSpec;

/** {@code lakehouse job}: generated help, and wrong calls refused with exit 2 before Spark starts. */
class JobCommandTest {
    @Test
    void helpListsEveryJobWithItsParametersFromTheCode() {
        // wide enough that no description wraps, so each one can be found whole
        CliRun r = CliRun.run(cli -> cli.setUsageHelpWidth(250), "job", "--help");
        assertThat(r.exitCode()).as("exit code of job --help").isZero();
        for (Job job : Jobs.all()) {
            assertThat(r.out()).as("job %s with its description", job.name())
                    .containsPattern("(?m)^  " + job.name() + " +\\Q" + job.description() + "\\E *$");
            for (ParamSpec<?> p : job.params()) {
                String doc = p.doc() + (p.defaultText() == null ? "" : " (default: " + p.defaultText() + ")");
                assertThat(r.out()).as("parameter %s of %s with its default and doc", p.name(), job.name())
                        .containsPattern("(?m)^    " + p.name() + " +\\Q" + doc + "\\E *$");
            }
        }
        assertThat(r.out()).as("bronze's bootstrap default").contains("(default: 127.0.0.1:9092)");
    }

    @Test
    void unknownJobIsAUsageErrorListingTheJobs(@TempDir Path dir) {
        CliRun r = CliRun.run("job", "platinum", "--data-dir", dir.toString());
        assertThat(r.exitCode()).as("exit code for an unknown job; %s", r.describe()).isEqualTo(2);
        assertThat(r.err()).as("names the job and lists the known ones").contains("'platinum'")
                .contains("bronze, silver, gold, maintenance");
        assertThat(dir).as("refused before anything was written").isEmptyDirectory();
    }

    @Test
    void unknownOrBadParameterIsAUsageError(@TempDir Path dir) {
        CliRun unknown = CliRun.run("job", "silver", "--param", "colour=blue", "--data-dir", dir.toString());
        assertThat(unknown.exitCode()).as("exit code for an unknown parameter; %s", unknown.describe()).isEqualTo(2);
        assertThat(unknown.err()).as("names the parameter and lists silver's").contains("'colour'")
                .contains("rules, default_format, max_files_per_trigger");

        CliRun bad = CliRun.run("job", "bronze", "--param", "max_offsets_per_trigger=0", "--data-dir", dir.toString());
        assertThat(bad.exitCode()).as("exit code for a bad value; %s", bad.describe()).isEqualTo(2);
        assertThat(bad.err()).as("says why").contains("max_offsets_per_trigger='0'").contains("greater than 0");
        assertThat(dir).as("refused before anything was written").isEmptyDirectory();
    }
}
