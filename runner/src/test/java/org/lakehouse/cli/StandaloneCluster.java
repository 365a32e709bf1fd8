package org.lakehouse.cli;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;

/**
 * A real Spark standalone cluster on 127.0.0.1 from the Maven jars: a {@code SPARK_HOME} whose {@code jars/} links
 * the Spark jars of this test's classpath, a three-line {@code bin/spark-submit}, and one Master and one Worker
 * process (1 core, 1 GiB). The Delta and Kafka connectors are left out of {@code jars/}: they come with the jobs
 * jar, as on a real cluster.
 */
final class StandaloneCluster implements AutoCloseable {
    private final Path home;
    private final Process master;
    private final Process worker;
    private final String url;

    private StandaloneCluster(Path home, Process master, Process worker, String url) {
        this.home = home;
        this.master = master;
        this.worker = worker;
        this.url = url;
    }

    static StandaloneCluster start(Path dir) throws IOException {
        Path home = Files.createDirectories(dir.resolve("spark-home"));
        Path jars = Files.createDirectories(home.resolve("jars"));
        for (Path jar : classpathJars()) {
            String name = jar.getFileName().toString();
            if (name.startsWith("lakehouse-") || name.startsWith("delta-") || name.startsWith("spark-sql-kafka")
                    || name.startsWith("spark-token-provider") || name.startsWith("spark-avro")
                    || name.startsWith("surefire") || name.startsWith("junit") || name.startsWith("assertj")) {
                continue;
            }
            Path link = jars.resolve(name);
            if (!Files.exists(link)) {
                Files.createSymbolicLink(link, jar);
            }
        }
        Path jvmOptions = Path.of(System.getProperty("lakehouse.root"), "config", "jvm.options");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path submit = bin.resolve("spark-submit");
        Files.writeString(submit, "#!/bin/sh\nexec \"" + java + "\" @\"" + jvmOptions + "\" -cp \"$SPARK_HOME/jars/*\" "
                + "org.apache.spark.deploy.SparkSubmit \"$@\"\n");
        Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));
        int port = freePort();
        String url = "spark://127.0.0.1:" + port;
        Process master = daemon(home, dir.resolve("master.log"), java, jvmOptions, "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", String.valueOf(freePort()));
        await().atMost(Duration.ofSeconds(90)).until(() -> log(dir.resolve("master.log")).contains("I have been elected leader"));
        Process worker = daemon(home, dir.resolve("worker.log"), java, jvmOptions, "org.apache.spark.deploy.worker.Worker",
                "--host", "127.0.0.1", "--webui-port", String.valueOf(freePort()), "--cores", "1", "--memory", "1g",
                "--work-dir", Files.createDirectories(dir.resolve("work")).toString(), url);
        await().atMost(Duration.ofSeconds(90)).until(() -> log(dir.resolve("worker.log"))
                .contains("Successfully registered with master"));
        return new StandaloneCluster(home, master, worker, url);
    }

    String masterUrl() {
        return url;
    }

    Path sparkHome() {
        return home;
    }

    private static Process daemon(Path home, Path log, Path java, Path jvmOptions, String main, String... args)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "@" + jvmOptions, "-Xmx512m", "-cp",
                home.resolve("jars") + "/*", main));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return pb.start();
    }

    private static String log(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The jars of this JVM's classpath, through Surefire's manifest-only jar when it uses one. */
    static Set<Path> classpathJars() throws IOException {
        Set<Path> jars = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            if (!entry.endsWith(".jar") || !Files.isRegularFile(p)) {
                continue;
            }
            jars.add(p.toAbsolutePath());
            try (JarFile jar = new JarFile(p.toFile())) {
                String classPath = jar.getManifest() == null ? null
                        : jar.getManifest().getMainAttributes().getValue("Class-Path");
                if (classPath != null) {
                    for (String ref : classPath.split(" ")) {
                        if (ref.isBlank()) {
                            continue;
                        }
                        Path dep = ref.startsWith("file:") ? Path.of(URI.create(ref)) : p.resolveSibling(ref);
                        if (dep.toString().endsWith(".jar") && Files.isRegularFile(dep)) {
                            jars.add(dep.toAbsolutePath());
                        }
                    }
                }
            }
        }
        return jars;
    }

    @Override
    public void close() {
        worker.destroyForcibly();
        master.destroyForcibly();
    }
}
