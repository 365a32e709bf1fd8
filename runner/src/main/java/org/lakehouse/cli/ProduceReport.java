package org.lakehouse.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.lakehouse.producer.ProduceResult;
import org.lakehouse.producer.manifest.Manifest;
import org.lakehouse.producer.publish.PublishSummary;

/** Prints what a producer run did, for people. */
final class ProduceReport {
    private ProduceReport() {
    }

    static void print(ProduceResult result, PrintWriter out) {
        PublishSummary s = result.summary();
        Manifest m = result.manifest();
        out.printf(Locale.ROOT, "Produced %,d records to topic '%s' (%d partitions) in %.1f s (%,.0f events/s)%s%n",
                s.acked(), result.topic(), result.partitions(), s.elapsed().toMillis() / 1000.0, s.eventsPerSecond(),
                s.stoppedEarly() ? ", stopped early on request" : "");
        if (s.failed() > 0) {
            out.printf(Locale.ROOT, "  FAILED sends: %,d (first error: %s)%n", s.failed(), s.firstError());
        }
        out.println("  By kind:  " + join(m.recordsByKind()));
        Manifest.Expected e = m.expected();
        out.printf(Locale.ROOT, "  Expected: silver %,d · quarantine %,d · duplicates %,d%n", e.silverRows(),
                e.quarantineRows(), e.duplicates());
        out.println("  Quarantine by rule: " + join(e.quarantineByRule()));
        out.printf(Locale.ROOT, "  Gold: %d city×hour rows, %d product×day rows, %d quality hours%n",
                m.gold().revenueByCityHour().size(), m.gold().revenueByProductDay().size(),
                m.gold().qualityByHour().size());
        Manifest.Generation g = m.generation();
        out.printf(Locale.ROOT, "  Reproduce: --seed %d --count %d --start-time %s --span %s --format %s%n",
                g.seed(), g.count(), g.startTime(), g.span(), g.format());
        out.println("  Manifest: " + (result.manifestPath() != null ? result.manifestPath() : "(not written; pass --manifest FILE)"));
        out.flush();
    }

    private static String join(Map<String, Long> counts) {
        return counts.entrySet().stream().filter(x -> x.getValue() > 0)
                .map(x -> String.format(Locale.ROOT, "%s %,d", x.getKey(), x.getValue()))
                .collect(Collectors.joining(" · "));
    }
}
