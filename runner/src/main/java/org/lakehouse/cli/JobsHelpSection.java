package org.lakehouse.cli;

import java.util.List;
import org.lakehouse.jobs.core.Job;
import org.lakehouse.jobs.core.ParamSpec;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.Column.Overflow;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The "Jobs" section of {@code lakehouse job --help}: every job with its description and parameters (name, default,
 * meaning), rendered from the {@link Job} objects themselves so the help cannot drift from the code.
 */
final class JobsHelpSection implements CommandLine.IHelpSectionRenderer {
    static final String KEY = "jobs";
    private static final int INDENT = 2;
    private static final int PARAM_INDENT = 4;

    private final List<Job> jobs;

    private JobsHelpSection(List<Job> jobs) {
        this.jobs = List.copyOf(jobs);
    }

    /** Adds the section to {@code jobCommand}'s help, after the options and before the footer. */
    static void install(CommandLine jobCommand, List<Job> jobs) {
        jobCommand.getHelpSectionMap().put(KEY, new JobsHelpSection(jobs));
        List<String> keys = new java.util.ArrayList<>(jobCommand.getHelpSectionKeys());
        keys.add(keys.indexOf(UsageMessageSpec.SECTION_KEY_FOOTER_HEADING), KEY);
        jobCommand.setHelpSectionKeys(keys);
    }

    @Override
    public String render(Help help) {
        int width = help.commandSpec().usageMessage().width();
        int nameWidth = 0;
        for (Job job : jobs) {
            nameWidth = Math.max(nameWidth, INDENT + job.name().length());
            for (ParamSpec<?> p : job.params()) {
                nameWidth = Math.max(nameWidth, PARAM_INDENT + p.name().length());
            }
        }
        nameWidth += 2;
        Help.TextTable table = Help.TextTable.forColumns(help.colorScheme(),
                new Column(nameWidth, 0, Overflow.SPAN), new Column(width - nameWidth, 0, Overflow.WRAP));
        for (Job job : jobs) {
            table.addRowValues(" ".repeat(INDENT) + job.name(), job.description());
            for (ParamSpec<?> p : job.params()) {
                // a parameter without a default says in its doc what its absence means
                table.addRowValues(" ".repeat(PARAM_INDENT) + p.name(),
                        p.doc() + (p.defaultText() == null ? "" : " (default: " + p.defaultText() + ")"));
            }
        }
        return String.format("%nJobs and their parameters (--param NAME=VALUE):%n") + table;
    }
}
