package org.lakehouse.jobs.localfs;

import org.apache.hadoop.fs.LocalFileSystem;

/**
 * The {@code file:} {@link org.apache.hadoop.fs.FileSystem} ({@code fs.file.impl}): Hadoop's checksummed
 * {@link LocalFileSystem} over {@link NioRawLocalFileSystem}.
 */
public class NioLocalFileSystem extends LocalFileSystem {
    public NioLocalFileSystem() {
        super(new NioRawLocalFileSystem());
    }
}
