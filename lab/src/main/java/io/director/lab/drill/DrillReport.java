package io.director.lab.drill;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/** The drills' table and totals (p50, p99, max of the gaps), as text for people and one line per kind for scripts. */
public final class DrillReport {
    private final String subject;
    private final List<DrillResult> results;

    public DrillReport(String subject, List<DrillResult> results) {
        this.subject = subject;
        this.results = List.copyOf(results);
    }

    public List<DrillResult> results() {
        return results;
    }

    /** The p-th percentile (nearest rank) of {@code values}; 0 when there are none. */
    public static long percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(Long::compare);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    /** Whether every drill settled with exactly one director holding the VIP. */
    public boolean allSettledWithOneOwner() {
        return !results.isEmpty() && results.stream().allMatch(r -> r.oneOwner() && r.note().indexOf("NOT SETTLED") < 0);
    }

    /** One drill as a table row (also the progress line while drills run). */
    public static String row(DrillResult r) {
        return String.format(Locale.ROOT, "%5d  %-9s %9d %9d %9d %8d %7s  %-9s %s", r.number(), r.kind().label(), r.gapMillis(),
                r.backGapMillis(), r.failures(), r.requests(), r.resets() < 0 ? "-" : Integer.toString(r.resets()),
                r.owners().isEmpty() ? "none" : String.join(",", r.owners()), r.note()).stripTrailing();
    }

    public static String header() {
        return String.format(Locale.ROOT, "%5s  %-9s %9s %9s %9s %8s %7s  %-9s %s", "drill", "kind", "gap ms", "back ms", "failed",
                "requests", "resets", "VIP on", "note").stripTrailing();
    }

    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("== ").append(subject).append(": ").append(results.size()).append(" drills ==\n");
        sb.append(header()).append('\n');
        for (DrillResult r : results) {
            sb.append(row(r)).append('\n');
        }
        sb.append('\n');
        sb.append(String.format(Locale.ROOT, "%-9s %6s %8s %8s %8s %9s %9s %9s %8s %7s %9s%n", "kind", "drills", "gap p50", "gap p99",
                "gap max", "back p50", "back p99", "back max", "failed", "resets", "one owner"));
        for (DrillKind kind : kinds()) {
            List<DrillResult> of = of(kind);
            List<Long> gaps = values(of, DrillResult::gapMillis);
            List<Long> backs = values(of, DrillResult::backGapMillis);
            sb.append(String.format(Locale.ROOT, "%-9s %6d %8d %8d %8d %9d %9d %9d %8d %7s %9s%n", kind.label(), of.size(),
                    percentile(gaps, 50), percentile(gaps, 99), percentile(gaps, 100),
                    percentile(backs, 50), percentile(backs, 99), percentile(backs, 100),
                    of.stream().mapToInt(DrillResult::failures).sum(), resets(of),
                    of.stream().filter(DrillResult::oneOwner).count() + "/" + of.size()));
        }
        sb.append("(gap: the client's longest time without an answer overlapping the failover, from its event until the new"
                + " master was seen holding the VIP; back: the same for the way back, until settled;"
                + " in ms, client probing with a new connection every 20 ms)\n");
        return sb.toString();
    }

    /** One line per kind for scripts: {@code RESULT subject="..." kind=kill drills=20 gap_p50_ms=... }. */
    public List<String> resultLines() {
        List<String> lines = new ArrayList<>();
        for (DrillKind kind : kinds()) {
            List<DrillResult> of = of(kind);
            List<Long> gaps = values(of, DrillResult::gapMillis);
            List<Long> backs = values(of, DrillResult::backGapMillis);
            lines.add(String.format(Locale.ROOT, "RESULT subject=\"%s\" kind=%s drills=%d gap_p50_ms=%d gap_p99_ms=%d gap_max_ms=%d"
                            + " back_p50_ms=%d back_p99_ms=%d back_max_ms=%d failed=%d requests=%d resets=%s one_owner=%d/%d",
                    subject, kind.label(), of.size(), percentile(gaps, 50), percentile(gaps, 99), percentile(gaps, 100),
                    percentile(backs, 50), percentile(backs, 99), percentile(backs, 100),
                    of.stream().mapToInt(DrillResult::failures).sum(), of.stream().mapToInt(DrillResult::requests).sum(),
                    resets(of), of.stream().filter(DrillResult::oneOwner).count(), of.size()));
        }
        return lines;
    }

    private List<DrillKind> kinds() {
        return results.stream().map(DrillResult::kind).distinct().toList();
    }

    private List<DrillResult> of(DrillKind kind) {
        return results.stream().filter(r -> r.kind() == kind).toList();
    }

    private static List<Long> values(List<DrillResult> of, ToLongFunction<DrillResult> f) {
        return of.stream().map(r -> f.applyAsLong(r)).toList();
    }

    private static String resets(List<DrillResult> of) {
        if (of.stream().allMatch(r -> r.resets() < 0)) {
            return "-";
        }
        return Integer.toString(of.stream().mapToInt(r -> Math.max(0, r.resets())).sum());
    }
}
