package org.lakehouse.jobs.bench.growth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lakehouse.jobs.bench.Median;

/**
 * The measured rounds of a growth benchmark, their medians, and what the checks found.
 *
 * @param history  events in the history lake before the first round
 * @param events   records of each round
 * @param build    wall time of building the history lake with our jobs (not in the result lines)
 * @param empty    our rounds on an empty lake, one per measured pair
 * @param onHistory our rounds on the history lake, one per measured pair
 * @param textbook the textbook's rounds on its history lake, one per measured pair; empty without that baseline
 * @param problems what the checks found wrong (dedupe, Gold, reconcile); empty when every check passed
 */
public record GrowthResult(long history, long events, Duration build, List<Round> empty, List<Round> onHistory,
        List<Round> textbook, List<String> problems) {
    public GrowthResult {
        empty = List.copyOf(empty);
        onHistory = List.copyOf(onHistory);
        textbook = List.copyOf(textbook);
        problems = List.copyOf(problems);
        if (empty.size() != onHistory.size() || (!textbook.isEmpty() && textbook.size() != empty.size())) {
            throw new IllegalArgumentException("one round per side and measured pair is needed, got " + empty.size()
                    + " empty, " + onHistory.size() + " history and " + textbook.size() + " textbook rounds");
        }
        if (empty.isEmpty() && problems.isEmpty()) {
            throw new IllegalArgumentException("a growth result needs a measured round or a problem");
        }
    }

    /** Wall time of each stage of one round, in milliseconds. */
    public record Round(long bronzeMs, long silverMs, long goldMs) {
        public long totalMs() {
            return bronzeMs + silverMs + goldMs;
        }

        String figures() {
            return "bronze_ms=" + bronzeMs + " silver_ms=" + silverMs + " gold_ms=" + goldMs + " round_ms=" + totalMs();
        }
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    public double roundMsEmpty() {
        return median(empty);
    }

    public double roundMsHistory() {
        return median(onHistory);
    }

    public double textbookRoundMs() {
        return median(textbook);
    }

    /** History over empty: 1 means the history costs a round nothing. */
    public double ratio() {
        return roundMsEmpty() <= 0 ? 0 : roundMsHistory() / roundMsEmpty();
    }

    /** The textbook's round over ours, both on their history lakes: how many times faster ours is. */
    public double speedup() {
        return roundMsHistory() <= 0 ? 0 : textbookRoundMs() / roundMsHistory();
    }

    /** The lines the benchmark prints: none without a measured pair, a second one beside the textbook. */
    public List<String> resultLines() {
        List<String> lines = new ArrayList<>();
        if (empty.isEmpty()) {
            return lines;
        }
        lines.add(String.format(Locale.ROOT, "RESULT round_ms_empty=%.0f round_ms_history=%.0f ratio=%.3f",
                roundMsEmpty(), roundMsHistory(), ratio()));
        if (!textbook.isEmpty()) {
            lines.add(String.format(Locale.ROOT, "RESULT ours_round_ms=%.0f textbook_round_ms=%.0f speedup=%.2f",
                    roundMsHistory(), textbookRoundMs(), speedup()));
        }
        return lines;
    }

    private static double median(List<Round> rounds) {
        return rounds.isEmpty() ? 0 : Median.of(rounds.stream().map(Round::totalMs).toList());
    }
}
