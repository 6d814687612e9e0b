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
                          Map<String, Integer> perServer, Map<String, Integer> failureReasons, List<String> lines) {

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
        for (String line : logLines) {
            if (line.isBlank() || line.startsWith("#")) {
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
        return new ProbeReport(starts.size(), failures, Duration.ofMillis(gap), gapStart, servers, reasons, kept);
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
