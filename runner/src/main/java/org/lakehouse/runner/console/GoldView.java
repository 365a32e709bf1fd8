package org.lakehouse.runner.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.lakehouse.jobs.core.LakeTable;

/**
 * The Gold endpoints, shaped for their charts: {@code /api/gold/revenue-by-city-hour} (a time series per city),
 * {@code /api/gold/revenue-by-product-day} (per product, its days) and {@code /api/gold/quality-by-hour} (per hour:
 * valid, quarantined, the rules they failed, duplicates and the conflicting ones among them). Each names the table
 * and the Delta version it shows.
 */
final class GoldView {
    private final GoldReader reader;

    GoldView(GoldReader reader) {
        this.reader = reader;
    }

    ObjectNode revenueByCityHour() throws IOException {
        GoldReader.Snapshot s = reader.snapshot(LakeTable.GOLD_REVENUE_BY_CITY_HOUR);
        ObjectNode o = head(s);
        TreeSet<String> hours = new TreeSet<>();
        Map<String, ArrayNode> byCity = new TreeMap<>();
        for (Map<String, Object> r : s.rows()) {
            hours.add((String) r.get("hour_start"));
            point(byCity.computeIfAbsent((String) r.get("city"), c -> ConsoleResponse.JSON.createArrayNode())
                    .addObject(), r, "hour_start");
        }
        o.set("hours", ConsoleResponse.JSON.valueToTree(hours));
        ArrayNode series = o.putArray("series");
        byCity.forEach((city, points) -> series.addObject().put("city", city).set("points", points));
        return o;
    }

    ObjectNode revenueByProductDay() throws IOException {
        GoldReader.Snapshot s = reader.snapshot(LakeTable.GOLD_REVENUE_BY_PRODUCT_DAY);
        ObjectNode o = head(s);
        TreeSet<String> days = new TreeSet<>();
        Map<String, ObjectNode> byProduct = new TreeMap<>();
        for (Map<String, Object> r : s.rows()) {
            days.add((String) r.get("day"));
            ObjectNode product = byProduct.computeIfAbsent((String) r.get("product"), p -> {
                ObjectNode n = ConsoleResponse.JSON.createObjectNode();
                n.put("product", p);
                n.putArray("days");
                return n;
            });
            product.put("product_name", (String) r.get("product_name"));
            point(((ArrayNode) product.get("days")).addObject(), r, "day");
        }
        o.set("days", ConsoleResponse.JSON.valueToTree(days));
        ArrayNode products = o.putArray("products");
        byProduct.values().forEach(products::add);
        return o;
    }

    /** One chart point: its time key, then revenue, units and orders, from one Gold row. */
    private static void point(ObjectNode p, Map<String, Object> row, String key) {
        p.put(key, (String) row.get(key));
        p.putPOJO("revenue", row.get("revenue"));
        p.putPOJO("units", row.get("units"));
        p.putPOJO("orders", row.get("orders"));
    }

    ObjectNode qualityByHour() throws IOException {
        GoldReader.Snapshot s = reader.snapshot(LakeTable.GOLD_QUALITY_BY_HOUR);
        ObjectNode o = head(s);
        TreeSet<String> rules = new TreeSet<>();
        ArrayNode hours = ConsoleResponse.JSON.createArrayNode();
        for (Map<String, Object> r : s.rows()) {
            ObjectNode h = hours.addObject();
            for (String c : List.of("hour_start", "bronze_rows", "silver_rows", "quarantined_rows")) {
                h.putPOJO(c, r.get(c));
            }
            Map<String, Object> byRule = new LinkedHashMap<>();
            if (r.get("quarantined_by_rule") instanceof Map<?, ?> m) {
                m.forEach((k, v) -> byRule.put(String.valueOf(k), v));
            }
            rules.addAll(byRule.keySet());
            h.set("quarantined_by_rule", ConsoleResponse.JSON.valueToTree(new TreeMap<>(byRule)));
            h.putPOJO("duplicates", r.get("duplicates"));
            h.putPOJO("conflicting_duplicates", r.get("conflicting_duplicates"));
        }
        o.set("rules", ConsoleResponse.JSON.valueToTree(rules));
        o.set("hours", hours);
        return o;
    }

    private static ObjectNode head(GoldReader.Snapshot s) {
        ObjectNode o = ConsoleResponse.JSON.createObjectNode();
        o.put("table", s.table().qualifiedName());
        if (s.version() == null) {
            o.putNull("version");
        } else {
            o.put("version", s.version());
        }
        o.put("truncated", s.truncated());
        return o;
    }
}
