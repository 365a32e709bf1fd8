package org.lakehouse.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.lakehouse.jobs.core.LakeCatalog;
import org.lakehouse.jobs.core.LakePaths;
import org.lakehouse.jobs.core.LakeTable;
import org.lakehouse.jobs.core.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lakehouse query}: one read-only SQL statement over the lake's Delta tables, printed as table, CSV or JSON. */
@Command(name = "query", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run one read-only SQL statement against the lake's Delta tables and print the rows.",
            "Allowed: SELECT, WITH ... SELECT, SHOW, DESCRIBE, EXPLAIN. Tables are named layer.table, e.g. "
                + "silver.orders; SHOW TABLES IN bronze|silver|gold lists them. Delta time travel works: "
                + "... FROM silver.orders VERSION AS OF 0."},
        footer = {"", "Examples:",
            "  lakehouse query \"SELECT * FROM gold.revenue_by_city_hour LIMIT 10\"",
            "  lakehouse query --format csv \"SELECT * FROM silver.orders VERSION AS OF 0\"",
            "  lakehouse query --format json \"DESCRIBE HISTORY silver.orders\""})
final class QueryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SQL", description = "The statement; quote it for the shell.")
    String sql;

    @Option(names = "--format", paramLabel = "FORMAT", converter = ResultFormat.Converter.class,
            completionCandidates = ResultFormat.Names.class,
            defaultValue = "table", description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ResultFormat format;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "1000",
            description = "Print at most N rows (default: ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw CliErrors.badLimit(limit);
        }
        ReadOnlySql.firstKeyword(sql); // refuses most writes in a second, before Spark starts
        LakePaths paths = dataDir.paths();
        if (!Files.isDirectory(paths.dataDir())) {
            throw CliErrors.noDataDir(paths.dataDir());
        }
        SparkSession spark = SparkSessions.getOrCreate("lakehouse-query");
        try {
            LakeCatalog.register(spark, paths);
        } catch (Exception e) {
            throw CliErrors.lakeUnreadable(paths.dataDir(), e);
        }
        try {
            String keyword = ReadOnlySql.check(spark, sql);
            print(spark.sql(sql), keyword);
        } catch (CliUsageException e) {
            throw e;
        } catch (Exception e) {
            // Scala throws AnalysisException (a checked exception to Java) without declaring it
            if (e instanceof AnalysisException) {
                throw CliErrors.queryInvalid(e, paths.dataDir(), existingTables(paths));
            }
            throw CliErrors.queryFailed(e);
        }
        return 0;
    }

    private void print(Dataset<Row> result, String keyword) {
        PrintWriter out = spec.commandLine().getOut();
        boolean truncated;
        if (format == ResultFormat.JSON) {
            QueryOutput.Json json = QueryOutput.collectJson(result, limit);
            json.lines().forEach(out::println);
            truncated = json.truncated();
        } else {
            QueryOutput.Text text = QueryOutput.collectText(result, limit);
            truncated = text.truncated();
            if (format == ResultFormat.CSV) {
                out.print(RowText.csv(text.columns(), text.rows()));
            } else if (keyword.equals("EXPLAIN")) {
                // a plan is multi-line text: framing it in a one-cell table would only make it harder to read
                text.rows().forEach(r -> out.println(r.get(0)));
            } else {
                out.print(RowText.table(text.columns(), text.rows()));
                out.printf(Locale.ROOT, "(%d row%s%s)%n", text.rows().size(), text.rows().size() == 1 ? "" : "s",
                        truncated ? ", more not shown" : "");
            }
        }
        out.flush();
        if (truncated) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("lakehouse query: printed the first " + limit + " rows only; pass --limit N to see more.");
            err.flush();
        }
    }

    private static List<String> existingTables(LakePaths paths) {
        return Arrays.stream(LakeTable.values()).filter(paths::exists).map(LakeTable::qualifiedName).toList();
    }
}
