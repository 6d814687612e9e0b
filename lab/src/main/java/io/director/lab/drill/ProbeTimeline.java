package io.director.lab.drill;

import io.director.lab.ProbeReport;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A probe's requests in the order they started, on the probe's clock (ms since it started) and
 * placed on the wall clock by its log header. Pure: answers the drill's questions about a window of
 * time (the longest gap in answers, the failures) without I/O.
 */
public final class ProbeTimeline {
    /** One request: when it started (ms since the probe started), whether it was answered, its latency. */
    public record Sample(long offsetMillis, boolean ok, long latencyMicros, String detail) {}

    private final long startedEpochMillis;
    private final List<Sample> samples;

    public ProbeTimeline(long startedEpochMillis, List<Sample> samples) {
        this.startedEpochMillis = startedEpochMillis;
        List<Sample> sorted = new ArrayList<>(samples);
        sorted.sort(Comparator.comparingLong(Sample::offsetMillis));
        this.samples = List.copyOf(sorted);
    }

    public static ProbeTimeline of(ProbeReport report) {
        List<Sample> samples = new ArrayList<>();
        for (String line : report.lines()) {
            String[] f = line.trim().split(" ", 4);
            samples.add(new Sample(Long.parseLong(f[0]), f[1].equals("OK"), Long.parseLong(f[2]), f[3]));
        }
        return new ProbeTimeline(report.startedEpochMillis(), samples);
    }

    public List<Sample> samples() {
        return samples;
    }

    public long startedEpochMillis() {
        return startedEpochMillis;
    }

    /** An instant on the wall clock as ms since the probe started. */
    public long offsetOf(long epochMillis) {
        return epochMillis - startedEpochMillis;
    }

    /** A time without answers, in ms since the probe started: from one answered request's start to the next one's. */
    public record Gap(long fromOffset, long toOffset) {
        public long millis() {
            return toOffset - fromOffset;
        }
    }

    /**
     * The longest time between the starts of two answered requests in a row, among those spans that
     * overlap {@code [fromEpoch, toEpoch]}. A span still open at the end of the log (no answer since)
     * runs to the last request sent; one open at the start runs from the first request sent.
     */
    public Gap gapOverlapping(long fromEpoch, long toEpoch) {
        long from = offsetOf(fromEpoch);
        long to = offsetOf(toEpoch);
        if (samples.isEmpty()) {
            return new Gap(from, from);
        }
        long first = samples.get(0).offsetMillis();
        long last = samples.get(samples.size() - 1).offsetMillis();
        Gap longest = new Gap(from, from);
        Long previous = null;
        for (Sample s : samples) {
            if (!s.ok()) {
                continue;
            }
            long begin = previous == null ? first : previous;
            if (begin <= to && s.offsetMillis() >= from && s.offsetMillis() - begin > longest.millis()) {
                longest = new Gap(begin, s.offsetMillis());
            }
            previous = s.offsetMillis();
        }
        long begin = previous == null ? first : previous;
        if (begin <= to && last >= from && last - begin > longest.millis()) {
            longest = new Gap(begin, last);
        }
        return longest;
    }

    /**
     * The time from each answered request's start to the next one's, where both were answered: the probe's
     * own spacing, the floor under any gap a drill measures.
     */
    public List<Long> answeredSpacings() {
        List<Long> result = new ArrayList<>();
        for (int i = 1; i < samples.size(); i++) {
            if (samples.get(i - 1).ok() && samples.get(i).ok()) {
                result.add(samples.get(i).offsetMillis() - samples.get(i - 1).offsetMillis());
            }
        }
        return result;
    }

    /** Failed requests that started in {@code [fromEpoch, toEpoch)}. */
    public int failuresBetween(long fromEpoch, long toEpoch) {
        return count(fromEpoch, toEpoch, false);
    }

    /** Answered requests that started in {@code [fromEpoch, toEpoch)}. */
    public int answeredBetween(long fromEpoch, long toEpoch) {
        return count(fromEpoch, toEpoch, true);
    }

    private int count(long fromEpoch, long toEpoch, boolean ok) {
        long from = offsetOf(fromEpoch);
        long to = offsetOf(toEpoch);
        int n = 0;
        for (Sample s : samples) {
            if (s.ok() == ok && s.offsetMillis() >= from && s.offsetMillis() < to) {
                n++;
            }
        }
        return n;
    }

    /** Whether the last {@code n} requests were all answered and all started at or after {@code sinceEpoch}. */
    public boolean flowingSince(long sinceEpoch, int n) {
        if (samples.size() < n) {
            return false;
        }
        long since = offsetOf(sinceEpoch);
        for (Sample s : samples.subList(samples.size() - n, samples.size())) {
            if (!s.ok() || s.offsetMillis() < since) {
                return false;
            }
        }
        return true;
    }
}
