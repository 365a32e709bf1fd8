package org.lakehouse.runner.watch;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one directory (the JDK WatchService: inotify on Linux) on its own thread and passes each created or
 * modified file to {@code onFile}. Events are hints: on {@code OVERFLOW} (the kernel's queue filled up) it calls
 * {@code onOverflow}, which rescans. {@link #close()} stops the thread. A watch follows the directory it was
 * started on, not its path: {@link #current()} tells whether that is still the directory at the path.
 */
public final class DirectoryWatcher implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryWatcher.class);

    private final WatchService service;
    private final Path dir;
    private final Consumer<Path> onFile;
    private final Runnable onOverflow;
    private final Thread thread;
    /** The watched directory's identity (device and inode), or null where the filesystem has none. */
    private final Object key;

    private DirectoryWatcher(WatchService service, Path dir, Object key, Consumer<Path> onFile, Runnable onOverflow) {
        this.service = service;
        this.dir = dir;
        this.key = key;
        this.onFile = onFile;
        this.onOverflow = onOverflow;
        this.thread = new Thread(this::loop, "trigger-watch");
        this.thread.setDaemon(true);
    }

    public static DirectoryWatcher start(Path dir, Consumer<Path> onFile, Runnable onOverflow) throws IOException {
        Object key = identity(dir);
        WatchService service = dir.getFileSystem().newWatchService();
        try {
            dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException | RuntimeException e) {
            service.close();
            throw e;
        }
        DirectoryWatcher w = new DirectoryWatcher(service, dir, key, onFile, onOverflow);
        w.thread.start();
        return w;
    }

    private void loop() {
        try {
            while (true) {
                WatchKey key = service.take();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        LOG.info("Watch events overflowed for {}; rescanning", dir);
                        onOverflow.run();
                    } else if (event.context() instanceof Path name) {
                        onFile.accept(dir.resolve(name));
                    }
                }
                if (!key.reset()) {
                    LOG.warn("{} can no longer be watched (deleted or replaced?); only rescans will see triggers",
                            dir);
                    return;
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("The watch on {} stopped: {}; only rescans will see triggers", dir, e.toString());
        }
    }

    /** Whether the watch thread still runs (it ends when the directory can no longer be watched). */
    public boolean alive() {
        return thread.isAlive();
    }

    /**
     * Whether the watch runs on the directory now at its path: false once the directory was deleted, or moved away
     * or replaced (a watch on a moved directory stays alive, but sees nothing written at the path).
     */
    public boolean current() {
        try {
            return alive() && Objects.equals(key, identity(dir));
        } catch (IOException e) {
            return false;
        }
    }

    private static Object identity(Path dir) throws IOException {
        return Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    @Override
    public void close() throws IOException {
        service.close();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
