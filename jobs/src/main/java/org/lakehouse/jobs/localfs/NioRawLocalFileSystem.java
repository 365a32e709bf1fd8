package org.lakehouse.jobs.localfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's {@link RawLocalFileSystem} with permissions set and links detected through {@code java.nio} instead of
 * a forked {@code chmod} or {@code readlink}.
 *
 * <ul>
 *   <li>{@link #setPermission}: the same rwx bits through {@link Files#setPosixFilePermissions}. A permission with
 *       the sticky bit, which {@code java.nio} cannot set, still goes to Hadoop's own code.</li>
 *   <li>{@link #getFileLinkStatus}: a path that is not a symbolic link has its plain file status, which is what
 *       Hadoop's code returns for it after its {@code readlink} finds no link (it runs {@code readlink} on the
 *       path's URI string, so it never finds one for a qualified path). Symbolic links still go to Hadoop's code.</li>
 * </ul>
 */
public class NioRawLocalFileSystem extends RawLocalFileSystem {
    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
        if (permission.getStickyBit()) {
            super.setPermission(p, permission);
            return;
        }
        Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(permission));
    }

    @Override
    public FileStatus getFileLinkStatus(Path f) throws IOException {
        if (Files.isSymbolicLink(pathToFile(f).toPath())) {
            return super.getFileLinkStatus(f);
        }
        return getFileStatus(f);
    }

    static Set<PosixFilePermission> posix(FsPermission permission) {
        return PosixFilePermissions.fromString(permission.getUserAction().SYMBOL
                + permission.getGroupAction().SYMBOL + permission.getOtherAction().SYMBOL);
    }
}
