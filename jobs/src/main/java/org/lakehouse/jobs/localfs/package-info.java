/**
 * Hadoop's local file system without its shell-outs: Hadoop without its native library forks {@code chmod} for every
 * file it creates and {@code readlink} (twice) for every rename, about two hundred processes per Silver run. These
 * classes do the same two things with {@code java.nio} and leave everything else to Hadoop's own classes.
 * {@code config/spark.properties} installs them for {@code file:} paths.
 */
package org.lakehouse.jobs.localfs;
