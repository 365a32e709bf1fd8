package org.lakehouse.runner.console;

import java.util.List;
import java.util.Map;
import org.lakehouse.jobs.core.LakeTable;

/**
 * Reads one committed version of a Gold table as plain rows (column → JSON-ready value: strings, numbers, maps;
 * instants and dates as ISO-8601 text), newest key first, at most {@code limit + 1} rows (so the caller can tell it
 * was cut). {@link SparkGoldSource} reads through the runner's Spark session.
 */
interface GoldSource {
    List<Map<String, Object>> read(LakeTable table, String uri, long version, int limit);
}
