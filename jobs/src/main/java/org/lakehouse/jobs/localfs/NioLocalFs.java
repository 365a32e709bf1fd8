package org.lakehouse.jobs.localfs;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFs;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FsConstants;
import org.apache.hadoop.fs.FsServerDefaults;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.local.LocalConfigKeys;

/**
 * The {@code file:} {@link org.apache.hadoop.fs.AbstractFileSystem} ({@code fs.AbstractFileSystem.file.impl}), which
 * Delta's log store and Spark's streaming checkpoints write through: Hadoop's checksummed {@link ChecksumFs} over
 * {@link NioRawLocalFileSystem}, as Hadoop's own {@code LocalFs} is over {@code RawLocalFileSystem}. *Why a class of
 * its own:* Hadoop's {@code LocalFs} builds its raw file system itself, so {@code fs.file.impl} does not reach it.
 */
public class NioLocalFs extends ChecksumFs {
    /** The constructor Hadoop's {@code AbstractFileSystem.createFileSystem} calls. */
    public NioLocalFs(URI uri, Configuration conf) throws IOException, URISyntaxException {
        super(new Raw(uri, conf));
    }

    /** Hadoop's {@code RawLocalFs} (the same overrides) with {@link NioRawLocalFileSystem} under it. */
    static final class Raw extends DelegateToFileSystem {
        Raw(URI uri, Configuration conf) throws IOException, URISyntaxException {
            super(uri, new NioRawLocalFileSystem(), conf, FsConstants.LOCAL_FS_URI.getScheme(), false);
        }

        @Override
        public int getUriDefaultPort() {
            return -1;
        }

        @Override
        @Deprecated
        public FsServerDefaults getServerDefaults() throws IOException {
            return LocalConfigKeys.getServerDefaults();
        }

        @Override
        public FsServerDefaults getServerDefaults(Path f) throws IOException {
            return LocalConfigKeys.getServerDefaults();
        }

        @Override
        public boolean isValidName(String src) {
            return true;
        }
    }
}
