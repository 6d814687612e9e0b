package io.director.daemon;

import io.director.failover.runtime.HandoverResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of a failover drill: for every leg (to the peer, and back) the time until the new master
 * held the VIPs and until the old one had released them. Pure: the daemon runs the legs and feeds them in.
 */
public final class Drill {
    private final List<Leg> legs = new ArrayList<>();

    /** One handover: where to, and what it measured. */
    public record Leg(int round, String from, String to, HandoverResult result, boolean vipMoved) {}

    public void add(Leg leg) {
        legs.add(leg);
    }

    public List<Leg> legs() {
        return List.copyOf(legs);
    }

    public boolean allSucceeded() {
        return legs.stream().allMatch(l -> l.result().succeeded() && l.vipMoved());
    }

    /** The p-th percentile (nearest rank) of {@code values} in ms, or NaN when empty. */
    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    public String report() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-6s %-12s %12s %12s %s%n", "round", "handover", "takeover ms", "release ms", "result"));
        List<Double> takeovers = new ArrayList<>();
        List<Double> totals = new ArrayList<>();
        for (Leg l : legs) {
            double take = l.result().takeover().map(Drill::ms).orElse(Double.NaN);
            double total = ms(l.result().total());
            if (l.result().succeeded()) {
                takeovers.add(take);
                totals.add(total);
            }
            sb.append(String.format(Locale.ROOT, "%-6d %-12s %12.1f %12.1f %s%n", l.round(), l.from() + "->" + l.to(), take, total,
                    !l.result().succeeded() ? "FAILED: " + l.result().detail() : l.vipMoved() ? "ok" : "FAILED: VIP did not move"));
        }
        sb.append(String.format(Locale.ROOT, "%-19s %12s %12s%n", "", "takeover", "release"));
        for (double p : new double[] {50, 99, 100}) {
            sb.append(String.format(Locale.ROOT, "%-19s %12.1f %12.1f%n", p == 100 ? "max" : "p" + (int) p,
                    percentile(takeovers, p), percentile(totals, p)));
        }
        sb.append(legs.size()).append(" handovers, ").append(legs.stream().filter(l -> !l.result().succeeded() || !l.vipMoved()).count())
                .append(" failed");
        return sb.toString();
    }

    private static double ms(Duration d) {
        return d.toNanos() / 1e6;
    }
}
