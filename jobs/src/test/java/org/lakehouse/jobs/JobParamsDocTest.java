package org.lakehouse.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.lakehouse.jobs.core.Job;
import org.lakehouse.jobs.core.ParamSpec;

/**
 * The params tables of jobs/README.md list exactly each job's declared parameters ({@link ParamSpec}): name, default
 * and meaning, in declaration order, so the doc cannot drift from the code.
 *
 * <p>The README's convention, which this test reads:
 * <ul>
 *   <li>The section {@code ## Jobs} runs to the next level-2 heading. Every level-3 heading in it belongs to one job
 *       and starts with the job's name: {@code ### bronze: Kafka → ...}.</li>
 *   <li>A job's section runs to the next heading of level 2 or 3. Its parameters are the first table in it whose
 *       header row is {@code | param | default | meaning |}; the table ends at the first line not starting with
 *       {@code |}.</li>
 *   <li>Cells: the name in backticks; the default in backticks, or the word {@code none} when there is none; the
 *       meaning as the declaration's doc text, verbatim ({@code \|} for a pipe).</li>
 *   <li>A job without parameters has no such table and says "No parameters." instead.</li>
 * </ul>
 */
class JobParamsDocTest {
    private static final String JOBS_HEADING = "## Jobs";
    private static final String TABLE_HEADER = "| param | default | meaning |";
    private static final Pattern JOB_HEADING = Pattern.compile("^### `?([a-z][a-z0-9_]*)`?(?![a-z0-9_]).*");
    private static final Pattern SEPARATOR = Pattern.compile("^\\|[\\s:|-]+\\|$");
    private static final String UNESCAPED_PIPE = "(?<!\\\\)\\|";

    @Test
    void paramsTablesMatchTheDeclarations() throws Exception {
        Path readme = Path.of(System.getProperty("lakehouse.root"), "jobs", "README.md");
        Map<String, List<String>> sections = jobSections(Files.readAllLines(readme, StandardCharsets.UTF_8));
        List<String> names = Jobs.all().stream().map(Job::name).toList();
        assertThat(sections.keySet())
                .as("the '### <job>' headings under '%s' in %s, in pipeline order", JOBS_HEADING, readme)
                .containsExactlyElementsOf(names);

        for (Job job : Jobs.all()) {
            List<String> section = sections.get(job.name());
            List<List<String>> expected = job.params().stream().map(JobParamsDocTest::row).toList();
            assertThat(paramsTable(section))
                    .as("rows (param, default, meaning) of the params table under '### %s' in jobs/README.md, "
                            + "as declared by %s.params()", job.name(), job.getClass().getSimpleName())
                    .isEqualTo(expected);
            if (expected.isEmpty()) {
                assertThat(String.join("\n", section))
                        .as("the section of %s, which has no parameters, says so", job.name())
                        .contains("No parameters.");
            }
        }
    }

    /** One declaration as the README must show it. */
    private static List<String> row(ParamSpec<?> spec) {
        return List.of(spec.name(), spec.defaultText() == null ? "none" : spec.defaultText(), spec.doc());
    }

    /** The lines of each job's section under {@code ## Jobs}, by job name, in document order. */
    private static Map<String, List<String>> jobSections(List<String> lines) {
        int start = lines.stream().map(String::strip).toList().indexOf(JOBS_HEADING);
        assertThat(start).as("jobs/README.md has a '%s' section", JOBS_HEADING).isNotNegative();
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (line.startsWith("### ")) {
                Matcher m = JOB_HEADING.matcher(line);
                assertThat(m.matches())
                        .as("'%s' under '%s' starts with a job's name", line, JOBS_HEADING).isTrue();
                current = new ArrayList<>();
                assertThat(sections.put(m.group(1), current)).as("one section for job %s", m.group(1)).isNull();
            } else if (current != null) {
                current.add(line);
            }
        }
        return sections;
    }

    /** The rows of the section's params table, each as (name, default, meaning); empty when there is none. */
    private static List<List<String>> paramsTable(List<String> section) {
        List<List<String>> rows = new ArrayList<>();
        int header = section.stream().map(String::strip).toList().indexOf(TABLE_HEADER);
        if (header < 0) {
            return rows;
        }
        for (String line : section.subList(header + 1, section.size())) {
            String row = line.strip();
            if (!row.startsWith("|")) {
                break;
            }
            if (SEPARATOR.matcher(row).matches()) {
                continue;
            }
            String inner = row.substring(1, row.endsWith("|") && !row.endsWith("\\|") ? row.length() - 1
                    : row.length());
            String[] cells = inner.split(UNESCAPED_PIPE, -1);
            assertThat(cells).as("three cells in params row '%s'", row).hasSize(3);
            rows.add(List.of(unquote(cells[0]), unquote(cells[1]), cells[2].strip().replace("\\|", "|")));
        }
        return rows;
    }

    private static String unquote(String cell) {
        String s = cell.strip().replace("\\|", "|");
        return s.length() >= 2 && s.startsWith("`") && s.endsWith("`") ? s.substring(1, s.length() - 1) : s;
    }
}
