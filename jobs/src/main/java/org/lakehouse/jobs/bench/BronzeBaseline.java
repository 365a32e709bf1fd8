package org.lakehouse.jobs.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.lakehouse.jobs.bronze.BronzeTable;
import org.lakehouse.jobs.bronze.BronzeTransform;

/** What {@link BronzeBenchmark} measures the Bronze job against: the same Kafka read into another sink. */
public enum BronzeBaseline {
    /**
     * The baseline: the Kafka rows into Spark's {@code noop} sink, which drops them. The ratio is what
     * building Bronze's rows, encoding them as Parquet, Delta's statistics and commits cost on top of reading Kafka.
     */
    NOOP,
    /**
     * Bronze's rows ({@link BronzeTransform}) into Spark's own Parquet file sink, partitioned like the table, with
     * the session's Parquet settings: the ratio is what Delta (its state, statistics and commit) and the job's own
     * checks cost on top of writing the same files.
     */
    PARQUET;

    /** The name on the command line and in the RESULT line ({@code <name>_events_per_s}). */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param kafka      the Kafka source's rows, as Bronze reads them
     * @param output     a directory of its own for this run's files (Parquet only)
     * @param ingestedAt the ingestion time stamped on the rows (Parquet only)
     */
    DataStreamWriter<Row> writer(Dataset<Row> kafka, Path output, Instant ingestedAt) {
        return switch (this) {
            case NOOP -> kafka.writeStream().format("noop");
            case PARQUET -> BronzeTransform.toBronze(kafka, ingestedAt).writeStream().format("parquet")
                    .partitionBy(BronzeTable.PARTITION_COLUMN).option("path", output.toString());
        };
    }

    /** The baseline named {@code name} (any case), or an error that lists the names. */
    public static BronzeBaseline fromCliName(String name) {
        for (BronzeBaseline b : values()) {
            if (b.cliName().equalsIgnoreCase(name.strip())) {
                return b;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a baseline; use " + Arrays.stream(values())
                .map(BronzeBaseline::cliName).collect(Collectors.joining(" or ")));
    }
}
