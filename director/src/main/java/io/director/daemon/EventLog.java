package io.director.daemon;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;

/**
 * One structured line per event on stderr, in logfmt ({@code time=… event=role-change from=BACKUP
 * to=MASTER}), so operators can grep it and log shippers can parse it without a schema.
 */
public final class EventLog {
    private final PrintStream out;
    private final Clock clock;

    public EventLog(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    public static EventLog stderr() {
        return new EventLog(System.err, Clock.systemUTC());
    }

    /** Logs {@code event} with key/value pairs: {@code event("vip-added", "vip", "198.51.100.100/24")}. */
    public void event(String event, Object... keyValues) {
        out.println(line(Instant.now(clock), event, keyValues));
    }

    static String line(Instant at, String event, Object... keyValues) {
        Object[] all = new Object[keyValues.length + 2];
        all[0] = "event";
        all[1] = event;
        System.arraycopy(keyValues, 0, all, 2, keyValues.length);
        return fields(at, all);
    }

    /** {@code time=AT k1=v1 k2=v2 ...}, values quoted where logfmt needs it. */
    static String fields(Instant at, Object... keyValues) {
        StringBuilder sb = new StringBuilder(64).append("time=").append(at);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            sb.append(' ').append(keyValues[i]).append('=').append(quote(String.valueOf(keyValues[i + 1])));
        }
        return sb.toString();
    }

    private static String quote(String v) {
        boolean plain = !v.isEmpty() && v.chars().allMatch(c -> c > ' ' && c != '"' && c != '=' && c < 127);
        if (plain) {
            return v;
        }
        return '"' + v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
