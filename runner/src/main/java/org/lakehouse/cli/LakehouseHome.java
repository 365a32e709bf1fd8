package org.lakehouse.cli;

import java.nio.file.Path;

/**
 * Where the checkout lives: the {@code lakehouse.root} system property (set by the launcher and by Surefire),
 * else the current directory. Default paths (data/, config/) resolve against it, not against the caller's
 * working directory.
 */
public record LakehouseHome(Path root) {

    public static LakehouseHome detect() {
        String prop = System.getProperty("lakehouse.root");
        Path root = prop != null && !prop.isBlank() ? Path.of(prop) : Path.of("").toAbsolutePath();
        return new LakehouseHome(root.toAbsolutePath().normalize());
    }

    public Path config(String name) {
        return root.resolve("config").resolve(name);
    }

    public Path data(String relative) {
        return root.resolve("data").resolve(relative);
    }
}
