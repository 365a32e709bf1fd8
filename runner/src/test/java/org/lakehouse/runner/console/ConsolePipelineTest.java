package org.lakehouse.runner.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.lakehouse.jobs.core.LakeCatalog;
import org.lakehouse.jobs.core.LakePaths;
import org.lakehouse.jobs.core.LakeTable;
import org.lakehouse.jobs.core.SparkSessions;
import org.lakehouse.kafka.EmbeddedKafka;
import org.lakehouse.kafka.EmbeddedKafkaConfig;
import org.lakehouse.producer.OrderProducer;
import org.lakehouse.producer.ProduceConfig;
import org.lakehouse.producer.ProduceResult;
import org.lakehouse.producer.event.EventFormat;
import org.lakehouse.producer.generate.FaultRatios;
import org.lakehouse.producer.generate.GeneratorConfig;
import org.lakehouse.producer.publish.ProgressListener;
import org.lakehouse.runner.config.RunnerConfig;
import org.lakehouse.runner.assembly.RunnerApp;
import org.lakehouse.runner.daemon.RunListener;
import org.lakehouse.runner.daemon.Runner;
import org.lakehouse.runner.launch.InProcessLauncher;
import org.lakehouse.runner.launch.NoopLauncher;
import org.lakehouse.runner.launch.RoutingLauncher;
import org.lakehouse.runner.ledger.LedgerEvent;
import org.lakehouse.runner.ledger.RunLedger;
import org.lakehouse.runner.trigger.TriggerRequest;
import org.lakehouse.runner.trigger.TriggerWriter;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The console after a small real pipeline (a real broker, real Spark and Delta: one bronze trigger chained to silver
 * and gold): the JSON endpoints against the tables themselves, then each page in a real headless Chromium (Debian's,
 * installed by {@link Chromium} when missing; the browser tests skip with the reason where it cannot be): the
 * pipeline, the runs table and a run's files, the Gold charts' series and values, and the trigger form followed to its
 * result. Each page's screenshot goes to {@code target/console-screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsolePipelineTest {
    private static final int ORDERS = 2000;
    private static final String TOPIC = "console-orders";
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    @TempDir
    static Path dir;

    private EmbeddedKafka broker;
    private RunnerApp runner;
    private RunnerConfig config;
    private LakePaths paths;
    private ConsoleHttp http;
    private SparkSession spark;
    private ChromeDriver driver;
    private ConsoleBrowser page;

    @BeforeAll
    void runThePipeline() throws Exception {
        Path home = dir.toRealPath();
        spark = SparkSessions.getOrCreate("lakehouse-runner", Map.of("spark.scheduler.mode", "FAIR"));
        // Another test class's table registrations (pointing at its deleted @TempDir) would trip the jobs' own.
        LakeCatalog.register(spark, new LakePaths(home.resolve("no-lake")));
        broker = EmbeddedKafka.start(EmbeddedKafkaConfig.defaults(home.resolve("kafka")));
        GeneratorConfig orders = new GeneratorConfig(GeneratorConfig.DEFAULT_SEED, ORDERS,
                GeneratorConfig.defaultStartTime(Instant.now(), GeneratorConfig.DEFAULT_SPAN),
                GeneratorConfig.DEFAULT_SPAN, EventFormat.JSON, FaultRatios.DEFAULTS);
        ProduceResult produced = new OrderProducer(new ProduceConfig(broker.bootstrapServers(), TOPIC, 2, orders, 0,
                home.resolve("manifest.json"), Map.of(), null, null), ProgressListener.NONE).run();
        assertThat(produced.ok()).as("produced %s", produced).isTrue();

        config = RunnerConfig.from(home, Map.of("trigger-root", "triggers", "data-dir", "lake", "chain",
                "bronze>silver,silver>gold", "warm-up", "false", "http-port", "0", "console-triggers", "true",
                "rescan-interval-ms", "500"));
        paths = new LakePaths(config.dataDir());
        runner = RunnerApp.start(config, new RoutingLauncher(List.of(new InProcessLauncher(paths),
                new NoopLauncher(Clock.systemUTC()))), Clock.systemUTC(), RunListener.NONE, true);
        http = new ConsoleHttp(runner.httpPort());
        TriggerWriter.write(config.incoming(), TriggerRequest.of("bronze", "console-test-bronze",
                Map.of("bootstrap", broker.bootstrapServers(), "topics", TOPIC)));
        await().atMost(Duration.ofMinutes(6)).until(() -> succeeded("gold") == 1);
    }

    @AfterAll
    void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (runner != null) {
            runner.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private long succeeded(String job) throws IOException {
        return RunLedger.read(config.ledger().resolve(RunLedger.FILE)).stream()
                .filter(e -> e.event() == LedgerEvent.SUCCEEDED && job.equals(e.job())).count();
    }

    private List<Row> table(LakeTable t) {
        return spark.read().format("delta").load(paths.uri(t)).collectAsList();
    }

    private static String iso(Row r, String column) {
        return r.getTimestamp(r.fieldIndex(column)).toInstant().toString();
    }

    /** (city, hour) → revenue, straight from the table. */
    private Map<String, BigDecimal> cityHourRevenue() {
        Map<String, BigDecimal> m = new TreeMap<>();
        for (Row r : table(LakeTable.GOLD_REVENUE_BY_CITY_HOUR)) {
            m.put(r.getString(r.fieldIndex("city")) + "|" + iso(r, "hour_start"),
                    r.getDecimal(r.fieldIndex("revenue")));
        }
        return m;
    }

    // ---- endpoints after the pipeline ------------------------------------------------------------------------------

    @Test
    @Order(1)
    void goldEndpointsShowTheTablesLatestCommittedVersion() throws Exception {
        JsonNode city = http.json("/api/gold/revenue-by-city-hour");
        assertThat(city.get("version").asLong()).as("the newest commit")
                .isEqualTo(GoldReader.latestVersion(paths.table(LakeTable.GOLD_REVENUE_BY_CITY_HOUR)).getAsLong());
        Map<String, BigDecimal> served = new TreeMap<>();
        for (JsonNode s : city.get("series")) {
            for (JsonNode p : s.get("points")) {
                served.put(s.get("city").asText() + "|" + p.get("hour_start").asText(), p.get("revenue").decimalValue());
            }
        }
        Map<String, BigDecimal> expected = cityHourRevenue();
        assertThat(served.keySet()).as("one point per (city, hour) row").isEqualTo(expected.keySet());
        expected.forEach((k, v) -> assertThat(served.get(k)).as(k).isEqualByComparingTo(v));
        assertThat(city.get("series").size()).as("a series per city").isGreaterThan(1);
        assertThat(city.get("hours").size()).isEqualTo(expected.keySet().stream().map(k -> k.split("\\|")[1])
                .distinct().count());

        JsonNode product = http.json("/api/gold/revenue-by-product-day");
        List<Row> productRows = table(LakeTable.GOLD_REVENUE_BY_PRODUCT_DAY);
        assertThat(product.get("products").size()).isEqualTo(productRows.stream()
                .map(r -> r.getString(r.fieldIndex("product"))).distinct().count());
        for (Row r : productRows) {
            JsonNode p = find(product.get("products"), "product", r.getString(r.fieldIndex("product")));
            JsonNode d = find(p.get("days"), "day", r.getDate(r.fieldIndex("day")).toLocalDate().toString());
            assertThat(d.get("revenue").decimalValue()).isEqualByComparingTo(r.getDecimal(r.fieldIndex("revenue")));
            assertThat(d.get("orders").asLong()).isEqualTo(r.getLong(r.fieldIndex("orders")));
        }

        JsonNode quality = http.json("/api/gold/quality-by-hour");
        long bronze = 0;
        for (JsonNode h : quality.get("hours")) {
            long quarantined = h.get("quarantined_rows").asLong();
            long byRule = 0;
            for (JsonNode n : h.get("quarantined_by_rule")) {
                assertThat(n.asLong()).as("a rule counts quarantined rows").isBetween(1L, quarantined);
                byRule += n.asLong();
            }
            assertThat(byRule).as("every quarantined row failed at least one rule, some more")
                    .isGreaterThanOrEqualTo(quarantined);
            assertThat(h.get("bronze_rows").asLong()).as("every record lands once, " + h.get("hour_start"))
                    .isEqualTo(h.get("silver_rows").asLong() + quarantined + h.get("duplicates").asLong());
            assertThat(h.get("conflicting_duplicates").asLong()).as("conflicting duplicates are duplicates")
                    .isBetween(0L, h.get("duplicates").asLong());
            bronze += h.get("bronze_rows").asLong();
        }
        assertThat(bronze).isEqualTo(ORDERS);
        assertThat(quality.get("rules").size()).as("the producer injects every fault kind").isGreaterThan(1);
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (n.get(field).asText().equals(value)) {
                return n;
            }
        }
        throw new AssertionError("no " + field + "=" + value + " in " + array);
    }

    @Test
    @Order(2)
    void overviewAndRunsShowThePipelinesRuns() throws Exception {
        JsonNode o = http.json("/api/overview");
        assertThat(o.get("pipeline")).allSatisfy(j -> assertThat(j.get("last_run").get("status").asText())
                .as(j.get("job").asText()).isEqualTo("SUCCEEDED"));
        JsonNode bronze = o.get("pipeline").get(0).get("last_run");
        assertThat(bronze.get("rows_in").asLong()).isEqualTo(ORDERS);
        JsonNode silver = o.get("pipeline").get(1).get("last_run");
        long quarantined = spark.read().format("delta").load(paths.uri(LakeTable.SILVER_QUARANTINE)).count();
        long duplicates = spark.read().format("delta").load(paths.uri(LakeTable.SILVER_DUPLICATES)).count();
        assertThat(silver.get("quarantined").asLong()).isEqualTo(quarantined).isPositive();
        assertThat(silver.get("duplicates").asLong()).isEqualTo(duplicates).isPositive();

        JsonNode lag = o.get("kafka_lag");
        assertThat(lag.get("source").asText()).as("the brokers and topic of bronze's last run, continuous mode off")
                .isEqualTo("Kafka at " + broker.bootstrapServers() + ", topics " + TOPIC);
        assertThat(lag.get("total").asLong()).as("%s", lag).isZero();
        assertThat(lag.get("partitions")).hasSize(2).allSatisfy(p -> assertThat(p.get("committed").asLong())
                .isEqualTo(p.get("end").asLong()).isPositive());
        long newest = java.util.stream.Stream.of(LakeTable.SILVER_ORDERS, LakeTable.SILVER_QUARANTINE,
                LakeTable.SILVER_DUPLICATES).mapToLong(t -> ((java.sql.Timestamp) spark.read().format("delta")
                        .load(paths.uri(t)).agg(org.apache.spark.sql.functions.max("kafka_timestamp")).first().get(0))
                        .getTime()).max().orElseThrow();
        JsonNode freshness = o.get("freshness");
        assertThat(Instant.parse(freshness.get("newest_event_at").asText())).as("Gold's newest event: Silver's newest")
                .isEqualTo(Instant.ofEpochMilli(newest));
        assertThat(freshness.get("age_seconds").asDouble()).isPositive();
        assertThat(freshness.get("run_id").asText()).startsWith("gold-");

        JsonNode runs = http.json("/api/runs?status=SUCCEEDED");
        assertThat(runs.get("runs")).extracting(r -> r.get("job").asText()).containsSubsequence("gold", "silver",
                "bronze");
        JsonNode gold = http.json("/api/runs?job=gold&status=SUCCEEDED").get("runs").get(0);
        assertThat(gold.get("requested_by").get(0).asText()).startsWith("chain:");
        JsonNode d = http.json("/api/run?run_id=" + gold.get("run_id").asText());
        assertThat(d.get("triggers").get(0).get("result_file").get("status").asText()).isEqualTo("SUCCEEDED");
    }

    // ---- the pages in a real browser ----------------------------------------------------------------------------------

    private ChromeDriver browser(int width, int height) throws IOException {
        Optional<String> why = Chromium.unavailable();
        assumeTrue(why.isEmpty(), () -> "Browser test skipped: " + why.orElse(""));
        if (driver == null) {
            driver = Chromium.start(dir, width, height);
            page = new ConsoleBrowser(driver, http.base, SCREENSHOTS);
        }
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
        return driver;
    }

    @Test
    @Order(3)
    void overviewPageShowsTheLayersAndEscapesErrorText() throws Exception {
        browser(1400, 1000);
        Path tmp = config.incoming().resolve(".hostile.tmp");
        Files.writeString(tmp, "");
        Files.move(tmp, config.incoming().resolve("x<img src=x onerror=window.pwned=1>.trigger"),
                StandardCopyOption.ATOMIC_MOVE);
        await().atMost(Duration.ofSeconds(20)).until(() -> http.json("/api/overview").get("failed").size() == 1);
        page.open("overview");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<WebElement> cards = driver.findElements(By.cssSelector("#pipeline .card"));
            assertThat(cards).extracting(c -> c.getAttribute("data-job")).containsExactly("bronze", "silver", "gold");
            assertThat(cards).allSatisfy(c -> assertThat(c.getText()).contains("SUCCEEDED"));
            assertThat(driver.findElement(By.id("failed")).getText()).contains("x<img src=x onerror=window.pwned=1>");
        });
        assertThat(driver.findElement(By.cssSelector("#pipeline .card[data-job=bronze]")).getText())
                .contains("2,000 / 2,000");
        assertThat(driver.findElement(By.cssSelector("#freshness [data-figure=kafka-lag]")).getText())
                .contains("0 records").contains(TOPIC);
        assertThat(driver.findElement(By.cssSelector("#freshness [data-figure=freshness]")).getText())
                .contains("newest event in Gold").contains("gold-");
        assertThat(driver.findElement(By.cssSelector("#kafka-lag tr[data-topic='" + TOPIC + "']")).getText())
                .contains(TOPIC).contains("0");
        assertThat(page.js("return document.querySelectorAll('#failed img, main script').length")).as("no markup injected")
                .isEqualTo(0L);
        assertThat(page.js("return window.pwned === undefined")).isEqualTo(true);
        assertThat(driver.findElement(By.id("health")).getText()).startsWith("up");
        page.assertCleanPage();
        page.screenshot("overview");
    }

    @Test
    @Order(4)
    void runsPageFiltersAndOpensARunsFiles() throws Exception {
        browser(1400, 1300);
        page.open("runs");
        new Select(driver.findElement(By.cssSelector("#runs-filter select[name=job]"))).selectByValue("silver");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<WebElement> rows = driver.findElements(By.cssSelector("#runs tbody tr"));
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).findElements(By.tagName("td")).get(1).getText()).isEqualTo("silver");
        });
        driver.findElement(By.cssSelector("#runs tbody tr")).click();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String detail = driver.findElement(By.id("run-detail")).getText();
            assertThat(detail).contains("Params").contains("Metrics").contains("Result file results/")
                    .contains("\"status\": \"SUCCEEDED\"").contains("\"rows_in\"").contains("Ledger lines");
        });
        page.assertCleanPage();
        page.screenshot("runs");
    }

    @Test
    @Order(5)
    @SuppressWarnings("unchecked")
    void goldPageChartsTheTablesSeriesAndValues() throws Exception {
        browser(1400, 1500);
        page.open("gold");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(page.js(
                "return Object.keys(window.lakehouseConsole.charts).length")).isEqualTo(4L));
        Map<String, Map<String, Object>> charts = (Map<String, Map<String, Object>>) page.js(
                "const out = {}; for (const [k, c] of Object.entries(window.lakehouseConsole.charts)) {"
                + " out[k] = {type: c.config.type, labels: c.data.labels, datasets: c.data.datasets.map(d => "
                + "({label: d.label, data: d.data}))}; } return out;");

        // Revenue by city and hour: one line per city on a time axis, one point per (city, hour) row.
        Map<String, BigDecimal> expected = cityHourRevenue();
        Map<String, Object> cityChart = charts.get("chart-city-hour");
        assertThat(cityChart.get("type")).isEqualTo("line");
        List<Map<String, Object>> cities = (List<Map<String, Object>>) cityChart.get("datasets");
        assertThat(cities).extracting(d -> d.get("label")).as("a series per city")
                .containsExactlyElementsOf(new TreeSet<>(expected.keySet().stream().map(k -> k.split("\\|")[0])
                        .toList()));
        Map<String, Double> charted = new TreeMap<>();
        for (Map<String, Object> d : cities) {
            for (Map<String, Object> p : (List<Map<String, Object>>) d.get("data")) {
                charted.put(d.get("label") + "|" + Instant.ofEpochMilli(((Number) p.get("x")).longValue()),
                        ((Number) p.get("y")).doubleValue());
            }
        }
        assertThat(charted.keySet()).as("one point per (city, hour) row").isEqualTo(expected.keySet());
        expected.forEach((k, v) -> assertThat(charted.get(k)).as(k).isCloseTo(v.doubleValue(),
                org.assertj.core.data.Offset.offset(0.001)));

        // Revenue by product and day: bars per day over the products.
        Map<String, Object> productChart = charts.get("chart-product-day");
        assertThat(productChart.get("type")).isEqualTo("bar");
        List<Row> productRows = table(LakeTable.GOLD_REVENUE_BY_PRODUCT_DAY);
        TreeMap<String, String> names = new TreeMap<>();
        productRows.forEach(r -> names.put(r.getString(r.fieldIndex("product")),
                r.getString(r.fieldIndex("product_name"))));
        assertThat((List<Object>) productChart.get("labels")).containsExactlyElementsOf(names.values());
        List<Map<String, Object>> days = (List<Map<String, Object>>) productChart.get("datasets");
        assertThat(days).extracting(d -> d.get("label")).containsExactlyElementsOf(new TreeSet<>(productRows.stream()
                .map(r -> r.getDate(r.fieldIndex("day")).toLocalDate().toString()).toList()));
        List<String> codes = new ArrayList<>(names.keySet());
        for (Row r : productRows) {
            Map<String, Object> day = days.stream().filter(d -> d.get("label").equals(r.getDate(r.fieldIndex("day"))
                    .toLocalDate().toString())).findFirst().orElseThrow();
            Number bar = (Number) ((List<Object>) day.get("data")).get(codes.indexOf(r.getString(r.fieldIndex(
                    "product"))));
            assertThat(bar.doubleValue()).isCloseTo(r.getDecimal(r.fieldIndex("revenue")).doubleValue(),
                    org.assertj.core.data.Offset.offset(0.001));
        }

        // Quality by hour: stacked valid / quarantined / duplicates / conflicting duplicates, adding up to Bronze's
        // rows; the failed rules on a chart of their own, each rule's bars its Gold counts.
        Map<String, Object> qualityChart = charts.get("chart-quality-hour");
        List<Map<String, Object>> stacks = (List<Map<String, Object>>) qualityChart.get("datasets");
        assertThat(stacks).extracting(d -> d.get("label"))
                .containsExactly("valid", "quarantined", "duplicates", "conflicting duplicates");
        long total = 0;
        for (Map<String, Object> d : stacks) {
            for (Object v : (List<Object>) d.get("data")) {
                total += ((Number) v).longValue();
            }
        }
        assertThat(total).as("the stacks add up to every record produced").isEqualTo(ORDERS);
        long valid = ((List<Object>) stacks.get(0).get("data")).stream().mapToLong(v -> ((Number) v).longValue())
                .sum();
        assertThat(valid).isEqualTo(spark.read().format("delta").load(paths.uri(LakeTable.SILVER_ORDERS)).count());
        long quarantined = ((List<Object>) stacks.get(1).get("data")).stream()
                .mapToLong(v -> ((Number) v).longValue()).sum();
        assertThat(quarantined).isEqualTo(spark.read().format("delta").load(paths.uri(LakeTable.SILVER_QUARANTINE))
                .count());
        Map<String, Object> rulesChart = charts.get("chart-rules-hour");
        Map<String, Long> failures = new TreeMap<>();
        for (Map<String, Object> d : (List<Map<String, Object>>) rulesChart.get("datasets")) {
            failures.put((String) d.get("label"), ((List<Object>) d.get("data")).stream()
                    .mapToLong(v -> ((Number) v).longValue()).sum());
        }
        Map<String, Long> perRule = new TreeMap<>();
        for (Row r : spark.read().format("delta").load(paths.uri(LakeTable.SILVER_QUARANTINE))
                .selectExpr("explode(reasons) AS rule").groupBy("rule").count().collectAsList()) {
            perRule.put(r.getString(0), r.getLong(1));
        }
        assertThat(failures).as("each rule's bars: the quarantined rows that failed it").isEqualTo(perRule);
        assertThat(page.js("return document.querySelector('#chart-quality-hour').width > 0")).isEqualTo(true);
        assertThat(driver.findElement(By.id("caption-city-hour")).getText()).contains("Delta version");
        page.assertCleanPage();
        page.screenshot("gold");
    }

    @Test
    @Order(6)
    void triggerFormDropsATriggerAndFollowsItsRun() throws Exception {
        browser(1400, 1100);
        page.open("trigger");
        new Select(driver.findElement(By.id("trigger-job"))).selectByValue("gold");
        driver.findElement(By.id("trigger-submit")).click();
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(page.js(
                "const f = window.lakehouseConsole.followed; return f && f.state === 'finished' ? f.result.status "
                        + ": null")).as("the trigger's result").isEqualTo("SUCCEEDED"));
        String id = (String) page.js("return window.lakehouseConsole.followed.trigger_id");
        assertThat(id).startsWith("console-");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(driver.findElement(
                By.id("console-runs")).getText()).as("the run appears").contains(id).contains("SUCCEEDED"));
        assertThat(driver.findElement(By.id("trigger-follow")).getText()).contains(id).contains("open run gold-");
        assertThat(succeeded("gold")).isEqualTo(2);
        page.assertCleanPage();
        page.screenshot("trigger");
        driver.findElement(By.id("trigger-open-run")).click();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(driver.findElement(By.id("run-detail"))
                .getText()).contains(id));
    }
}
