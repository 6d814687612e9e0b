package io.director.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a traffic probe saw, read from its log. A log line is
 * {@code MILLIS_SINCE_START OK|FAIL LATENCY_MICROS SERVER_OR_REASON}; lines starting with # are comments.
 * The longest gap is the longest time between the starts of two successful requests in a row,
 * counting from the first request and up to the last one (so a probe that never succeeded
 * reports its whole run).
 */
public record ProbeReport(int requests, int failures, Duration longestGap, long longestGapStartMillis,
                          Map<String, Integer> perServer, Map<String, Integer> failureReasons, List<String> lines,
                          long startedEpochMillis, long startedUptimeMillis) {

    public ProbeReport {
        perServer = Map.copyOf(perServer);
        failureReasons = Map.copyOf(failureReasons);
        lines = List.copyOf(lines);
    }

    /** Parses probe log lines; a malformed line is an error naming it. */
    public static ProbeReport parse(List<String> logLines) {
        List<long[]> starts = new ArrayList<>();  // {start, ok}
        Map<String, Integer> servers = new TreeMap<>();
        Map<String, Integer> reasons = new TreeMap<>();
        List<String> kept = new ArrayList<>();
        int failures = 0;
        long startedEpoch = 0;
        long startedUptime = 0;
        for (String line : logLines) {
            if (line.startsWith("#")) {
                startedEpoch = headerValue(line, "started-epoch-ms=", startedEpoch);
                startedUptime = headerValue(line, "started-uptime-ms=", startedUptime);
                continue;
            }
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split(" ", 4);
            if (f.length < 4 || !(f[1].equals("OK") || f[1].equals("FAIL"))) {
                throw new IllegalArgumentException("not a probe log line: '" + line + "'");
            }
            long start;
            try {
                start = Long.parseLong(f[0]);
                Long.parseLong(f[2]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a probe log line: '" + line + "'");
            }
            boolean ok = f[1].equals("OK");
            kept.add(line);
            starts.add(new long[] {start, ok ? 1 : 0});
            if (ok) {
                servers.merge(f[3], 1, Integer::sum);
            } else {
                failures++;
                reasons.merge(f[3], 1, Integer::sum);
            }
        }
        starts.sort((a, b) -> Long.compare(a[0], b[0]));
        long gap = 0;
        long gapStart = 0;
        if (!starts.isEmpty()) {
            long previous = starts.get(0)[0];
            for (long[] s : starts) {
                if (s[1] == 1) {
                    if (s[0] - previous > gap) {
                        gap = s[0] - previous;
                        gapStart = previous;
                    }
                    previous = s[0];
                }
            }
            long last = starts.get(starts.size() - 1)[0];
            if (last - previous > gap) {
                gap = last - previous;
                gapStart = previous;
            }
        }
        return new ProbeReport(starts.size(), failures, Duration.ofMillis(gap), gapStart, servers, reasons, kept, startedEpoch, startedUptime);
    }

    private static long headerValue(String line, String key, long fallback) {
        int at = line.indexOf(key);
        if (at < 0) {
            return fallback;
        }
        try {
            return Long.parseLong(line.substring(at + key.length()).split(" ")[0].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad probe log header: '" + line + "'");
        }
    }

    /**
     * The gap that spans an instant (wall clock, e.g. the middle of a link cut): from the start of
     * the last successful request before it to the start of the first successful one after it.
     * Zero when a request starting at that instant succeeded; up to the first or last request when
     * none succeeded on a side.
     */
    public Duration gapAround(long epochMillis) {
        return gapAt(epochMillis - startedEpochMillis);
    }

    /**
     * As {@link #gapAround(long)} for an instant on the guest's uptime clock ({@code /proc/uptime},
     * readable from a shell without starting a process): exact even when the guest is slow.
     */
    public Duration gapAroundGuestUptime(long uptimeMillis) {
        return gapAt(uptimeMillis - startedUptimeMillis);
    }

    /**
     * The failed requests that started at or after an instant on the guest's uptime clock (read with
     * {@link Lab#guestUptimeMillis()} right after an action): what a change caused, unlike a count of the log's
     * lines, which trails the probe by up to its flush period.
     */
    public int failuresStartedFromGuestUptime(long uptimeMillis) {
        long at = uptimeMillis - startedUptimeMillis;
        int failed = 0;
        for (String line : lines) {
            String[] f = line.trim().split(" ", 4);
            if (!f[1].equals("OK") && Long.parseLong(f[0]) >= at) {
                failed++;
            }
        }
        return failed;
    }

    private Duration gapAt(long at) {
        long before = Long.MIN_VALUE;
        long after = Long.MAX_VALUE;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (String line : lines) {
            String[] f = line.trim().split(" ", 4);
            long start = Long.parseLong(f[0]);
            first = Math.min(first, start);
            last = Math.max(last, start);
            if (f[1].equals("OK")) {
                if (start <= at) {
                    before = Math.max(before, start);
                }
                if (start >= at) {
                    after = Math.min(after, start);
                }
            }
        }
        if (lines.isEmpty()) {
            return Duration.ZERO;
        }
        long from = before == Long.MIN_VALUE ? Math.min(first, at) : before;
        long to = after == Long.MAX_VALUE ? Math.max(last, at) : after;
        return Duration.ofMillis(to - from);
    }

    /** One line for logs and test messages. */
    public String summary() {
        return "requests=" + requests + " failures=" + failures + " longest-gap=" + longestGap.toMillis() + "ms"
                + " (from " + longestGapStartMillis + "ms) per-server=" + perServer
                + (failureReasons.isEmpty() ? "" : " failure-reasons=" + failureReasons);
    }

    @Override
    public String toString() {
        return summary();
    }
}
