package org.lakehouse.runner.root;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Capped reads of files the runner does not own (triggers, heartbeats, error files). A file is read only when it
 * is a regular file, not a link (so a FIFO or device is never opened: opening a FIFO blocks), and never past its
 * cap, whatever its size claims to be (a sparse or still-growing file cannot make the runner allocate more).
 */
public final class BoundedFiles {
    private BoundedFiles() {
    }

    /**
     * The whole content of {@code file}.
     *
     * @throws NotRegularFileException when it is not a regular file (never opened)
     * @throws FileTooLargeException when it holds more than {@code cap} bytes (at most {@code cap + 1} are read)
     * @throws java.nio.file.NoSuchFileException when it is gone
     */
    public static byte[] read(Path file, int cap) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attrs.isRegularFile()) {
            throw new NotRegularFileException(file.getFileName() + " is " + kind(attrs) + ", not a regular file");
        }
        if (attrs.size() > cap) {
            throw new FileTooLargeException(String.valueOf(file.getFileName()), attrs.size(), cap);
        }
        try (SeekableByteChannel ch = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
                InputStream in = Channels.newInputStream(ch)) {
            byte[] content = in.readNBytes(cap + 1);
            if (content.length > cap) {
                throw new FileTooLargeException(String.valueOf(file.getFileName()), Math.max(ch.size(), cap + 1L),
                        cap);
            }
            return content;
        }
    }

    /** What a non-regular file is, in words. */
    public static String kind(BasicFileAttributes attrs) {
        if (attrs.isSymbolicLink()) {
            return "a symbolic link";
        }
        if (attrs.isDirectory()) {
            return "a directory";
        }
        if (attrs.isOther()) {
            return "a FIFO, socket or device";
        }
        return "a regular file";
    }
}
