package org.lakehouse.cli;

import java.util.ArrayList;
import java.util.List;

/** The command that runs this CLI in a new JVM the way the launcher does: the same java, flags and classpath. */
final class CliProcess {
    private CliProcess() {
    }

    static List<String> command() {
        LakehouseHome home = LakehouseHome.detect();
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("@" + home.config("jvm.options"));
        cmd.add("-Dlakehouse.root=" + home.root());
        String logback = System.getProperty("logback.configurationFile");
        if (logback != null) {
            cmd.add("-Dlogback.configurationFile=" + logback);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), LakehouseCli.class.getName()));
        return cmd;
    }
}
