package io.director.lab.drill;

import java.util.List;
import java.util.Locale;

/**
 * The client's request outcomes and latency over time as a hand-written SVG: the whole run at the top
 * (each pixel column shows its answered requests' latency range; failures in red above), every event
 * marked; below, one close-up per event with each request drawn and the gap shaded. Pure: returns text.
 */
public final class SvgChart {
    /** One event to mark and show close up: its instant and the gap that follows it, in ms since the probe started. */
    public record Event(String label, boolean failover, long atOffset, long gapFrom, long gapTo) {}

    private static final int WIDTH = 1200;
    private static final int MARGIN = 60;
    private static final int OVERVIEW_HEIGHT = 200;
    private static final int PANEL_WIDTH = 240;
    private static final int PANEL_HEIGHT = 130;
    private static final int PANELS_PER_ROW = 4;
    private static final double MIN_MS = 0.1;
    private static final double MAX_MS = 1000;
    private static final String OK_COLOUR = "#2a9d3a";
    private static final String FAIL_COLOUR = "#d62828";
    private static final String FAILOVER_COLOUR = "#e07b00";
    private static final String BACK_COLOUR = "#2956b2";

    private SvgChart() {}

    public static String render(String title, ProbeTimeline timeline, List<Event> events) {
        List<ProbeTimeline.Sample> samples = timeline.samples();
        long end = samples.isEmpty() ? 1 : Math.max(1, samples.get(samples.size() - 1).offsetMillis());
        int rows = (events.size() + PANELS_PER_ROW - 1) / PANELS_PER_ROW;
        int panelsTop = MARGIN + OVERVIEW_HEIGHT + 70;
        int height = panelsTop + rows * (PANEL_HEIGHT + 60) + 20;
        StringBuilder svg = new StringBuilder(64 * 1024);
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " font-family=\"sans-serif\" font-size=\"11\">\n", WIDTH, height, WIDTH, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(text(MARGIN, 22, 15, "bold", title));
        svg.append(text(MARGIN, 40, 11, "normal", samples.size() + " requests, one new connection each; green: answered (latency,"
                + " log scale), red: failed; orange lines: failovers, blue: the way back"));
        overview(svg, samples, events, end, MARGIN, WIDTH - MARGIN - 20, OVERVIEW_HEIGHT);
        for (int i = 0; i < events.size(); i++) {
            int x = MARGIN + (i % PANELS_PER_ROW) * (PANEL_WIDTH + 50);
            int y = panelsTop + (i / PANELS_PER_ROW) * (PANEL_HEIGHT + 60);
            closeUp(svg, samples, events.get(i), x, y);
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void overview(StringBuilder svg, List<ProbeTimeline.Sample> samples, List<Event> events, long end,
                                 int left, int width, int height) {
        int top = MARGIN;
        axes(svg, left, top, width, height);
        double[] min = new double[width];
        double[] max = new double[width];
        int[] failed = new int[width];
        java.util.Arrays.fill(min, Double.NaN);
        for (ProbeTimeline.Sample s : samples) {
            int col = (int) Math.min(width - 1, Math.max(0, s.offsetMillis() * (width - 1) / end));
            if (s.ok()) {
                double ms = s.latencyMicros() / 1000.0;
                min[col] = Double.isNaN(min[col]) ? ms : Math.min(min[col], ms);
                max[col] = Math.max(max[col], ms);
            } else {
                failed[col]++;
            }
        }
        StringBuilder ok = new StringBuilder();
        StringBuilder bad = new StringBuilder();
        for (int c = 0; c < width; c++) {
            if (!Double.isNaN(min[c])) {
                double y1 = latencyY(max[c], top, height);
                double y2 = Math.max(y1 + 1, latencyY(min[c], top, height));
                ok.append(String.format(Locale.ROOT, "M%d %.1fV%.1f", left + c, y1, y2));
            }
            if (failed[c] > 0) {
                bad.append(String.format(Locale.ROOT, "M%d %dV%d", left + c, top - 12, top - 2));
            }
        }
        path(svg, ok, OK_COLOUR);
        path(svg, bad, FAIL_COLOUR);
        for (Event e : events) {
            double x = left + (double) Math.max(0, e.atOffset()) * (width - 1) / end;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"1\""
                    + " stroke-dasharray=\"3,2\"/>\n", x, top, x, top + height, e.failover() ? FAILOVER_COLOUR : BACK_COLOUR));
            if (e.failover()) {
                svg.append(text(x + 2, top + height + 12, 9, "normal", e.label().split(" ")[0]));
            }
        }
        svg.append(text(left + width / 2.0 - 60, top + height + 28, 11, "normal", "time since the probe started: 0 to "
                + String.format(Locale.ROOT, "%.1f s", end / 1000.0)));
    }

    private static void closeUp(StringBuilder svg, List<ProbeTimeline.Sample> samples, Event e, int left, int top) {
        long from = Math.min(e.atOffset(), e.gapFrom()) - 1000;
        long to = Math.max(e.atOffset(), e.gapTo()) + 1500;
        long span = Math.max(1, to - from);
        svg.append(text(left, top - 8, 11, "bold", e.label()));
        axes(svg, left, top, PANEL_WIDTH, PANEL_HEIGHT);
        double gx1 = left + (double) (e.gapFrom() - from) * PANEL_WIDTH / span;
        double gx2 = left + (double) (e.gapTo() - from) * PANEL_WIDTH / span;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#f3d9d9\"/>\n",
                gx1, top, Math.max(0.5, gx2 - gx1), PANEL_HEIGHT));
        double ex = left + (double) (e.atOffset() - from) * PANEL_WIDTH / span;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"1.5\"/>\n",
                ex, top, ex, top + PANEL_HEIGHT, e.failover() ? FAILOVER_COLOUR : BACK_COLOUR));
        StringBuilder ok = new StringBuilder();
        StringBuilder bad = new StringBuilder();
        for (ProbeTimeline.Sample s : samples) {
            if (s.offsetMillis() < from || s.offsetMillis() > to) {
                continue;
            }
            double x = left + (double) (s.offsetMillis() - from) * PANEL_WIDTH / span;
            if (s.ok()) {
                double y = latencyY(s.latencyMicros() / 1000.0, top, PANEL_HEIGHT);
                ok.append(String.format(Locale.ROOT, "M%.1f %.1fh1.5", x - 0.75, y));
            } else {
                bad.append(String.format(Locale.ROOT, "M%.1f %dl3 3m0 -3l-3 3", x - 1.5, top - 6));
            }
        }
        path(svg, ok, OK_COLOUR, 2);
        path(svg, bad, FAIL_COLOUR, 1);
        svg.append(text(left, top + PANEL_HEIGHT + 14, 9, "normal", String.format(Locale.ROOT, "%.1f s", from / 1000.0)));
        svg.append(text(left + PANEL_WIDTH - 30, top + PANEL_HEIGHT + 14, 9, "normal", String.format(Locale.ROOT, "%.1f s", to / 1000.0)));
    }

    /** Frame and the latency grid: 1, 10, 100, 1000 ms. */
    private static void axes(StringBuilder svg, int left, int top, int width, int height) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>\n",
                left, top, width, height));
        for (double ms : new double[] {1, 10, 100, 1000}) {
            double y = latencyY(ms, top, height);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#dddddd\"/>\n",
                    left, y, left + width, y));
            svg.append(text(left - 40, y + 4, 9, "normal", (ms >= 1000 ? "1 s" : (int) ms + " ms")));
        }
    }

    private static double latencyY(double ms, int top, int height) {
        double clamped = Math.max(MIN_MS, Math.min(MAX_MS, ms));
        double f = (Math.log10(clamped) - Math.log10(MIN_MS)) / (Math.log10(MAX_MS) - Math.log10(MIN_MS));
        return top + height * (1 - f);
    }

    private static void path(StringBuilder svg, StringBuilder d, String colour) {
        path(svg, d, colour, 1);
    }

    private static void path(StringBuilder svg, StringBuilder d, String colour, double width) {
        if (d.length() > 0) {
            svg.append("<path fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"").append(width)
                    .append("\" d=\"").append(d).append("\"/>\n");
        }
    }

    private static String text(double x, double y, int size, String weight, String text) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" font-weight=\"%s\">%s</text>\n",
                x, y, size, weight, escape(text));
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\t') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
