package io.director.daemon;

import io.director.failover.runtime.HandoverResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of a failover drill: for every leg (to the peer, and back) the time until the new master
 * held the VIPs and until the old one had released them, and what this director checked after it.
 * Pure: the daemon runs the legs and feeds them in; the CLI polls {@link #progress()} while it runs.
 */
public final class Drill {
    private final int rounds;
    private final List<Leg> legs = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private boolean finished;

    /**
     * One handover: where to, what it measured, and what the director running the drill saw afterwards.
     *
     * @param announcements gratuitous ARPs / NAs this director sent for the leg, -1 when the peer took over
     * @param problems      the checks that failed (VIPs in the wrong place, IPVS services missing, ...)
     */
    public record Leg(int round, String from, String to, HandoverResult result, boolean vipMoved, long announcements,
                      List<String> problems) {
        public Leg {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return result.succeeded() && vipMoved && problems.isEmpty();
        }

        String outcome() {
            if (!result.succeeded()) {
                return "FAILED: " + result.detail();
            }
            return problems.isEmpty() ? "ok" : "FAILED: " + String.join("; ", problems);
        }
    }

    public Drill(int rounds) {
        this.rounds = rounds;
    }

    public synchronized void add(Leg leg) {
        legs.add(leg);
    }

    public synchronized void note(String note) {
        notes.add(note);
    }

    public synchronized void finish() {
        finished = true;
    }

    public synchronized boolean finished() {
        return finished;
    }

    public synchronized List<Leg> legs() {
        return List.copyOf(legs);
    }

    public synchronized boolean allSucceeded() {
        return !legs.isEmpty() && legs.stream().allMatch(Leg::ok);
    }

    /** One line per finished leg: {@code leg 3/6 d1->d2: new master after 12.1 ms, released after 20.4 ms, ok}. */
    public synchronized List<String> progress() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < legs.size(); i++) {
            Leg l = legs.get(i);
            lines.add(String.format(Locale.ROOT, "leg %d/%d %s->%s: new master after %.1f ms, released after %.1f ms, %s", i + 1,
                    rounds * 2, l.from(), l.to(), l.result().takeover().map(Drill::ms).orElse(Double.NaN), ms(l.result().total()),
                    l.outcome()));
        }
        return lines;
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

    public synchronized String report() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-6s %-12s %12s %12s %9s %s%n", "round", "handover", "takeover ms", "release ms",
                "announced", "result"));
        List<Double> takeovers = new ArrayList<>();
        List<Double> totals = new ArrayList<>();
        for (Leg l : legs) {
            double take = l.result().takeover().map(Drill::ms).orElse(Double.NaN);
            double total = ms(l.result().total());
            if (l.result().succeeded()) {
                takeovers.add(take);
                totals.add(total);
            }
            sb.append(String.format(Locale.ROOT, "%-6d %-12s %12.1f %12.1f %9s %s%n", l.round(), l.from() + "->" + l.to(), take, total,
                    l.announcements() < 0 ? "(peer)" : Long.toString(l.announcements()), l.outcome()));
        }
        sb.append(String.format(Locale.ROOT, "%-19s %12s %12s%n", "", "takeover", "release"));
        for (double p : new double[] {50, 99, 100}) {
            sb.append(String.format(Locale.ROOT, "%-19s %12.1f %12.1f%n", p == 100 ? "max" : "p" + (int) p,
                    percentile(takeovers, p), percentile(totals, p)));
        }
        for (String n : notes) {
            sb.append(n).append('\n');
        }
        sb.append(legs.size()).append(" handovers, ").append(legs.stream().filter(l -> !l.ok()).count()).append(" failed");
        return sb.toString();
    }

    private static double ms(Duration d) {
        return d.toNanos() / 1e6;
    }
}
