package org.lakehouse.kafka;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.ZipFile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classpath of the broker JVM: the jars of the producer/broker module plus its compiled classes.
 *
 * <p>Found, in this order: the classpath file named by system property {@value #CLASSPATH_FILE_PROPERTY}; the one
 * named by environment variable {@value #CLASSPATH_FILE_ENV}; {@code producer/broker/target/broker.classpath} under
 * the project root, which is system property {@value #ROOT_PROPERTY} or else the nearest directory from the working
 * directory upwards that contains {@value #BROKER_POM}. A classpath file holds entries separated by the platform's
 * path separator, as Maven's {@code dependency:build-classpath} writes it; a {@code classes} directory next to the
 * file is added, matching Maven's {@code target/} layout.
 */
public final class BrokerClasspath {
    public static final String CLASSPATH_FILE_PROPERTY = "lakehouse.broker.classpath";
    public static final String CLASSPATH_FILE_ENV = "LAKEHOUSE_BROKER_CLASSPATH";
    public static final String ROOT_PROPERTY = "lakehouse.root";
    static final String BROKER_POM = "producer/broker/pom.xml";
    static final String CLASSPATH_FILE_IN_ROOT = "producer/broker/target/broker.classpath";
    /** Run by name only: the producer must not depend on the broker's jars (see the package documentation). */
    static final String MAIN_CLASS = "org.lakehouse.kafka.server.BrokerMain";

    private static final Logger LOG = LoggerFactory.getLogger(BrokerClasspath.class);
    private static final String MAIN_CLASS_FILE = MAIN_CLASS.replace('.', '/') + ".class";

    private final Path source;
    private final List<Path> entries;

    private BrokerClasspath(Path source, List<Path> entries) {
        this.source = source;
        this.entries = List.copyOf(entries);
    }

    /** Finds the classpath from system properties, the environment and the working directory, as described above. */
    public static BrokerClasspath locate() {
        return locate(System::getProperty, System::getenv, Path.of("").toAbsolutePath());
    }

    static BrokerClasspath locate(UnaryOperator<String> systemProperties, UnaryOperator<String> environment,
            Path workingDir) {
        String file = firstNonBlank(systemProperties.apply(CLASSPATH_FILE_PROPERTY), environment.apply(CLASSPATH_FILE_ENV));
        if (file != null) {
            return fromFile(Path.of(file));
        }
        String root = systemProperties.apply(ROOT_PROPERTY);
        Path projectRoot = root != null && !root.isBlank() ? Path.of(root) : findProjectRoot(workingDir);
        return fromFile(projectRoot.resolve(CLASSPATH_FILE_IN_ROOT));
    }

    /** Reads and checks a classpath file: every entry must exist and one of them must hold the broker's main class. */
    public static BrokerClasspath fromFile(Path classpathFile) {
        Path file = classpathFile.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw BrokerErrors.classpathFileMissing(file);
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw BrokerErrors.classpathUnreadable(file, e);
        }
        List<Path> entries = new ArrayList<>();
        Path classes = file.resolveSibling("classes");
        if (Files.isDirectory(classes)) {
            entries.add(classes);
        }
        for (String entry : text.strip().split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                Path path = Path.of(entry.strip());
                if (!Files.exists(path)) {
                    throw BrokerErrors.classpathEntryMissing(file, path);
                }
                entries.add(path);
            }
        }
        if (entries.stream().noneMatch(BrokerClasspath::holdsMainClass)) {
            throw BrokerErrors.brokerMainMissing(file, MAIN_CLASS);
        }
        LOG.debug("Broker classpath from {}: {} entries", file, entries.size());
        return new BrokerClasspath(file, entries);
    }

    /** The classpath file these entries were read from. */
    public Path source() {
        return source;
    }

    public List<Path> entries() {
        return entries;
    }

    /** The entries joined for {@code java -cp}. */
    public String asArgument() {
        return String.join(File.pathSeparator, entries.stream().map(Path::toString).toList());
    }

    private static Path findProjectRoot(Path workingDir) {
        for (Path dir = workingDir.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(BROKER_POM))) {
                return dir;
            }
        }
        throw BrokerErrors.projectRootNotFound(workingDir);
    }

    private static boolean holdsMainClass(Path entry) {
        if (Files.isDirectory(entry)) {
            return Files.isRegularFile(entry.resolve(MAIN_CLASS_FILE));
        }
        try (ZipFile jar = new ZipFile(entry.toFile())) {
            return jar.getEntry(MAIN_CLASS_FILE) != null;
        } catch (IOException e) {
            LOG.debug("Cannot open classpath entry {} as a jar: {}", entry, e.toString());
            return false;
        }
    }

    private static String firstNonBlank(String first, String second) {
        if (first != null && !first.isBlank()) {
            return first;
        }
        return second != null && !second.isBlank() ? second : null;
    }

    @Override
    public String toString() {
        return "BrokerClasspath[" + source + ", " + entries.size() + " entries]";
    }
}
