package org.lakehouse.jobs.localfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lakehouse.jobs.core.SparkSessions;

/** The {@code file:} file systems installed by {@code config/spark.properties}, on real files. */
class NioLocalFileSystemTest {
    @TempDir
    java.nio.file.Path dir;

    /** A Hadoop configuration with the project's {@code spark.hadoop.fs.*} settings, as Spark would build it. */
    private static Configuration conf() {
        Configuration conf = new Configuration(false);
        SparkSessions.settings().forEach((k, v) -> {
            if (k.startsWith("spark.hadoop.fs.")) {
                conf.set(k.substring("spark.hadoop.".length()), v);
            }
        });
        conf.setBoolean("fs.file.impl.disable.cache", true);
        return conf;
    }

    private Path path(String name) {
        return new Path(dir.resolve(name).toUri());
    }

    @Test
    void theSparkSettingsInstallBothFileSystems() throws IOException {
        assertThat(FileSystem.get(dir.toUri(), conf())).isInstanceOf(NioLocalFileSystem.class);
        assertThat(FileContext.getFileContext(dir.toUri(), conf()).getDefaultFileSystem())
                .isInstanceOf(NioLocalFs.class);
    }

    @Test
    void createdFilesGetTheRequestedPermissionMinusTheUmask() throws IOException {
        Configuration conf = conf();
        conf.set("fs.permissions.umask-mode", "027");
        FileSystem fs = FileSystem.get(dir.toUri(), conf);
        try (FSDataOutputStream out = fs.create(path("a"), new FsPermission((short) 0777), false, 4096, (short) 1,
                1 << 20, null)) {
            out.writeBytes("x");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a"))))
                .isEqualTo("rwxr-x---");
        fs.setPermission(path("a"), new FsPermission((short) 0640));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a"))))
                .isEqualTo("rw-r-----");
        assertThat(fs.exists(path(".a.crc"))).as("the checksum file beside it").isTrue();
    }

    @Test
    void linkStatusOfFilesDirectoriesLinksAndMissingPaths() throws IOException {
        FileSystem fs = FileSystem.get(dir.toUri(), conf());
        Files.writeString(dir.resolve("file"), "abc", StandardCharsets.UTF_8);
        Files.createDirectory(dir.resolve("sub"));
        Files.createSymbolicLink(dir.resolve("link"), dir.resolve("file"));

        FileStatus file = fs.getFileLinkStatus(path("file"));
        assertThat(file.isFile()).isTrue();
        assertThat(file.isSymlink()).isFalse();
        assertThat(file.getLen()).isEqualTo(3);
        assertThat(fs.getFileLinkStatus(path("sub")).isDirectory()).isTrue();
        try (RawLocalFileSystem hadoop = new RawLocalFileSystem()) {
            hadoop.initialize(dir.toUri(), conf());
            for (String name : new String[] {"file", "sub", "link"}) {
                FileStatus ours = fs.getFileLinkStatus(path(name));
                FileStatus theirs = hadoop.getFileLinkStatus(path(name));
                assertThat(List.of(ours.isFile(), ours.isDirectory(), ours.isSymlink(), ours.getLen()))
                        .as("%s: the answer Hadoop's own code gives", name)
                        .isEqualTo(List.of(theirs.isFile(), theirs.isDirectory(), theirs.isSymlink(),
                                theirs.getLen()));
            }
        }
        assertThatThrownBy(() -> fs.getFileLinkStatus(path("missing"))).isInstanceOf(FileNotFoundException.class);
    }

    @Test
    void fileContextRenameKeepsItsNoOverwriteRule() throws IOException {
        FileContext fc = FileContext.getFileContext(dir.toUri(), conf());
        for (String name : new String[] {"one", "two"}) {
            try (FSDataOutputStream out = fc.create(path(name), EnumSet.of(CreateFlag.CREATE))) {
                out.writeBytes(name);
            }
        }
        assertThatThrownBy(() -> fc.rename(path("one"), path("two"), Options.Rename.NONE))
                .as("Delta's log store relies on this to detect a concurrent commit")
                .isInstanceOf(FileAlreadyExistsException.class);
        fc.rename(path("one"), path("three"), Options.Rename.NONE);
        assertThat(Files.readString(dir.resolve("three"))).isEqualTo("one");
        assertThat(Files.exists(dir.resolve(".three.crc"))).as("the checksum file moves with it").isTrue();
        assertThat(Files.exists(dir.resolve("one"))).isFalse();
    }
}
