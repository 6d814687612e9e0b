package io.director.daemon.status;

import io.director.daemon.status.StatusReport.LastCheck;
import io.director.daemon.status.StatusReport.RealServerStatus;
import io.director.daemon.status.StatusReport.ServiceStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders a {@link StatusReport} as the aligned text an operator reads, or as JSON for scripts. */
public final class StatusFormat {
    private StatusFormat() {}

    public static String text(StatusReport r) {
        StringBuilder b = new StringBuilder();
        b.append("node ").append(r.nodeId()).append("  role ").append(r.role()).append('\n');
        b.append("members (").append(r.members().size()).append(") ").append(String.join(" ", r.members())).append('\n');
        b.append("vips ").append(r.vips().isEmpty() ? "-" : String.join(" ", r.vips())).append('\n');
        for (ServiceStatus s : r.services()) {
            b.append('\n').append(s.service()).append("  ").append(s.scheduler())
                    .append("  healthy ").append(s.healthy()).append('/').append(s.realServers().size())
                    .append("  quorum ").append(s.quorum());
            if (s.sorryServerActive()) {
                b.append("  SORRY SERVER ACTIVE");
            }
            b.append('\n');
            if (s.realServers().isEmpty()) {
                b.append("  no real servers\n");
                continue;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"real server", "health", "weight", "last check", "active", "inactive"});
            for (RealServerStatus rs : s.realServers()) {
                rows.add(new String[] {rs.realServer(), rs.health().label(), String.valueOf(rs.weight()),
                        check(rs.lastCheck()), String.valueOf(rs.activeConnections()), String.valueOf(rs.inactiveConnections())});
            }
            table(b, rows);
        }
        return b.toString();
    }

    private static String check(LastCheck c) {
        if (c == null) {
            return "-";
        }
        String s = (c.ok() ? "ok " : "failed ") + millis(c.latency());
        return c.detail().isEmpty() ? s : s + " (" + c.detail() + ")";
    }

    private static String millis(java.time.Duration d) {
        return String.format(Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
    }

    private static void table(StringBuilder b, List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(width[i] - row[i].length() + 2));
                }
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
    }

    public static String json(StatusReport r) {
        StringBuilder b = new StringBuilder("{");
        field(b, "node", r.nodeId()).append(',');
        field(b, "role", r.role()).append(',');
        name(b, "members");
        strings(b, r.members()).append(',');
        name(b, "vips");
        strings(b, r.vips()).append(',');
        name(b, "services");
        b.append('[');
        for (int i = 0; i < r.services().size(); i++) {
            ServiceStatus s = r.services().get(i);
            b.append(i == 0 ? "{" : ",{");
            field(b, "service", s.service()).append(',');
            field(b, "scheduler", s.scheduler()).append(',');
            name(b, "quorum");
            b.append(s.quorum()).append(',');
            name(b, "healthy");
            b.append(s.healthy()).append(',');
            name(b, "sorry_server_active");
            b.append(s.sorryServerActive()).append(',');
            name(b, "real_servers");
            b.append('[');
            for (int j = 0; j < s.realServers().size(); j++) {
                RealServerStatus rs = s.realServers().get(j);
                b.append(j == 0 ? "{" : ",{");
                field(b, "real_server", rs.realServer()).append(',');
                field(b, "health", rs.health().label()).append(',');
                name(b, "weight");
                b.append(rs.weight()).append(',');
                name(b, "last_check");
                LastCheck c = rs.lastCheck();
                if (c == null) {
                    b.append("null");
                } else {
                    b.append("{\"ok\":").append(c.ok()).append(",\"latency_ms\":")
                            .append(String.format(Locale.ROOT, "%.3f", c.latency().toNanos() / 1e6)).append(',');
                    field(b, "detail", c.detail()).append('}');
                }
                b.append(',');
                name(b, "active_connections");
                b.append(rs.activeConnections()).append(',');
                name(b, "inactive_connections");
                b.append(rs.inactiveConnections()).append('}');
            }
            b.append("]}");
        }
        return b.append("]}\n").toString();
    }

    private static StringBuilder field(StringBuilder b, String name, String value) {
        name(b, name);
        return quote(b, value);
    }

    private static void name(StringBuilder b, String name) {
        quote(b, name).append(':');
    }

    private static StringBuilder strings(StringBuilder b, List<String> values) {
        b.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            quote(b, values.get(i));
        }
        return b.append(']');
    }

    /** A JSON string literal (RFC 8259 escaping). */
    static StringBuilder quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"');
    }
}
