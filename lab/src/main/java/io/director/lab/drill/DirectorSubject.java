package io.director.lab.drill;

import io.director.lab.Directors;
import io.director.lab.Exec;
import io.director.lab.Lab;
import io.director.lab.LabException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Director in d1 (priority 150) and d2 (100), and for partition drills the witness in w, each a
 * separate JVM run as {@code bin/director run} ({@link Directors}), over the lab's real servers.
 */
final class DirectorSubject implements DrillSubject {
    private static final Pattern HANDOVER_REQUESTED = Pattern.compile("time=(\\S+) event=handover-requested");

    private final Lab lab;
    private final Directors directors;
    private final GuestClock clock;
    private final List<String> members;
    private String note = "";

    DirectorSubject(Lab lab, GuestClock clock, boolean witness) {
        this.lab = lab;
        this.clock = clock;
        this.directors = new Directors(lab);
        this.members = witness ? List.of("d1", "d2", "w") : List.of("d1", "d2");
    }

    @Override
    public void start() {
        directors.write("d1", directors.config(Directors.Member.of("d1", 150), members, directors.webService(Directors.HEALTH_CHECK)));
        directors.write("d2", directors.config(Directors.Member.of("d2", 100), members, directors.webService(Directors.HEALTH_CHECK)));
        if (members.contains("w")) {
            // a witness votes only: no VIPs, no services
            directors.write("w", directors.config(Directors.Member.of("w", 1).with("vips = []"), members, ""));
        }
        members.forEach(directors::start);
        directors.awaitRole("d1", "MASTER", Duration.ofSeconds(180));
        directors.awaitRole("d2", "BACKUP", Duration.ofSeconds(180));
    }

    @Override
    public long fail(DrillKind kind) {
        note = "";
        return switch (kind) {
            case KILL -> {
                long at = clock.at("ip link set br-d1 down", "kill -9 $(ip netns pids d1)");
                directors.kill9("d1");  // already dead: forgets the process
                yield at;
            }
            case LINK, PARTITION -> clock.at("ip link set br-d1 down", ":");
            case GRACEFUL -> handover("d1");
        };
    }

    @Override
    public boolean failedOver() {
        return "MASTER".equals(directors.role("d2"));
    }

    @Override
    public long back(DrillKind kind) {
        return switch (kind) {
            case KILL -> {
                long at = clock.at("ip link set br-d1 up", ":");
                directors.start("d1");
                yield at;
            }
            case LINK, PARTITION -> clock.at("ip link set br-d1 up", ":");
            case GRACEFUL -> handover("d2");
        };
    }

    @Override
    public void resettle() {
        if ("MASTER".equals(directors.role("d2"))) {
            handover("d2");
        }
    }

    /** {@code director failover} on the master {@code from}; the instant is when its daemon got the request. */
    private long handover(String from) {
        int before = count(directors.log(from));
        Exec r = lab.host(from).run(Duration.ofSeconds(150), "JAVA_OPTS='" + Directors.JAVA_OPTS + "' "
                + lab.root().resolve("bin/director") + " failover --socket /run/director/" + from + ".sock");
        note = (note.isEmpty() ? "" : note + "; ") + (r.stdout() + r.stderr()).strip().replace('\n', ' ');
        if (!r.succeeded()) {
            throw new LabException("director failover on " + from + " failed: " + r.stdout() + r.stderr());
        }
        Matcher m = HANDOVER_REQUESTED.matcher(directors.log(from));
        Instant at = null;
        int seen = 0;
        while (m.find()) {
            if (++seen > before) {
                at = Instant.parse(m.group(1));
            }
        }
        if (at == null) {
            throw new LabException("the daemon in " + from + " logged no handover-requested event");
        }
        return at.toEpochMilli();
    }

    private static int count(String log) {
        Matcher m = HANDOVER_REQUESTED.matcher(log);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Override
    public boolean settled() {
        return "MASTER".equals(directors.role("d1")) && "BACKUP".equals(directors.role("d2"));
    }

    @Override
    public String note() {
        return note;
    }

    @Override
    public String logs() {
        StringBuilder sb = new StringBuilder();
        for (String n : members) {
            sb.append("--- ").append(n).append(" ---\n").append(directors.tail(n)).append('\n');
        }
        return sb.toString();
    }

    @Override
    public Map<String, String> fullLogs() {
        Map<String, String> logs = new TreeMap<>();
        members.forEach(n -> logs.put(n, directors.log(n)));
        return logs;
    }

    @Override
    public void close() {
        directors.close();
    }
}
