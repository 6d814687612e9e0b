package io.director.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The false-failover soak: a director pair under full client load for a while, nothing failing on
 * purpose, optionally with busy loops starving the guest's one CPU. Any role change after the pair
 * settled is a false suspicion (the link probe or JGroups took a slow peer for a dead one). Prints the
 * role changes, the client's failures and longest gap, and the VIP holders at the end. The count starts
 * once the load runs and the roles held still for 20 s (the load's start, two JVMs in the guest's one
 * CPU, is reported apart).
 * {@code Soak OUT MINUTES HOGS}
 */
public final class Soak {
    private static final Pattern ROLE = Pattern.compile("time=(\\S+) event=role-change from=(\\S+) to=(\\S+)");

    private Soak() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "lab-out/soak").toAbsolutePath();
        Duration length = Duration.ofMinutes(args.length > 1 ? Long.parseLong(args[1]) : 10);
        int hogs = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        Files.createDirectories(out);
        try (Lab lab = Lab.boot(3, out); Directors directors = new Directors(lab)) {
            directors.startPair(Duration.ofSeconds(180));
            int startup1 = roleChanges(directors, "d1").size();
            int startup2 = roleChanges(directors, "d2").size();
            Probe probe = lab.startProbe(Duration.ofMillis(20));
            ConnectionHolder holder = lab.holdConnections(50);
            // The load's own start (two JVMs in the guest's one CPU beside the directors) is not the load:
            // the count starts once the client's traffic flows, its connections are held and no role has
            // changed for 20 s; role changes before that are reported on their own.
            Lab.await(Duration.ofSeconds(120), "the holder holds its 50 connections", () -> holder.snapshot().connections() == 50);
            int[] quiet = {roleChangeCount(directors)};
            long[] since = {System.nanoTime()};
            Lab.await(Duration.ofSeconds(180), "20 s without a role change", () -> {
                int now = roleChangeCount(directors);
                if (now != quiet[0]) {
                    quiet[0] = now;
                    since[0] = System.nanoTime();
                }
                return System.nanoTime() - since[0] >= Duration.ofSeconds(20).toNanos();
            });
            List<String> changes1 = roleChanges(directors, "d1");
            List<String> changes2 = roleChanges(directors, "d2");
            List<String> duringStart = new ArrayList<>(changes1.subList(startup1, changes1.size()));
            duringStart.addAll(changes2.subList(startup2, changes2.size()));
            int settled1 = changes1.size();
            int settled2 = changes2.size();
            int mark = probe.mark();
            List<Spawned> busy = new ArrayList<>();
            for (int i = 0; i < hogs; i++) {
                busy.add(lab.host("d" + (1 + i % 2)).spawn("exec sh -c 'while :; do :; done'"));
            }
            System.out.printf("soak: %d min, client probing every 20 ms and holding 50 connections, %d busy loops%n",
                    length.toMinutes(), hogs);
            long end = System.nanoTime() + length.toNanos();
            for (long next = System.nanoTime() + 60_000_000_000L; ; next += 60_000_000_000L) {
                long due = Math.min(end, next);
                Lab.await(Duration.ofMinutes(2), "the next report", () -> System.nanoTime() >= due);
                System.out.println("  " + probe.since(mark).summary() + "; role changes d1 "
                        + (roleChanges(directors, "d1").size() - settled1) + ", d2 "
                        + (roleChanges(directors, "d2").size() - settled2));
                if (due == end) {
                    break;
                }
            }
            busy.forEach(Spawned::stop);
            probe.stop();
            ProbeReport report = probe.since(mark);
            HolderReport held = holder.report();
            holder.stop();
            List<String> all1 = roleChanges(directors, "d1");
            List<String> all2 = roleChanges(directors, "d2");
            List<String> after1 = all1.subList(settled1, all1.size());
            List<String> after2 = all2.subList(settled2, all2.size());
            System.out.println("== soak report ==");
            System.out.println("length / busy loops        : " + length.toMinutes() + " min / " + hogs);
            System.out.println("client requests / failed   : " + report.requests() + " / " + report.failures());
            System.out.println("longest gap                : " + report.longestGap().toMillis() + " ms");
            System.out.println("held connections reset     : " + held.resets() + " of " + held.connections());
            System.out.println("role changes while the load started: " + duringStart);
            System.out.println("role changes after settling: d1 " + after1 + ", d2 " + after2);
            System.out.println("false failovers            : " + (after1.size() + after2.size() == 0 ? 0 : "see role changes"));
            System.out.println("VIP holders at the end     : d1=" + directors.holdsVip("d1") + " d2=" + directors.holdsVip("d2"));
            for (String node : List.of("d1", "d2")) {
                // a failed request's cause is looked for in the daemons' own lines at its time
                Path saved = out.resolve("soak-" + node + ".log");
                Files.writeString(saved, directors.log(node));
                System.out.println("log of " + node + "                  : " + saved);
            }
            System.out.println("probe log                  : " + probe.log());
        }
    }

    private static int roleChangeCount(Directors directors) {
        return roleChanges(directors, "d1").size() + roleChanges(directors, "d2").size();
    }

    /** The role changes in a director's log so far, oldest first. */
    static List<String> roleChanges(Directors directors, String node) {
        List<String> changes = new ArrayList<>();
        Matcher m = ROLE.matcher(directors.log(node));
        while (m.find()) {
            changes.add(m.group(1) + " " + m.group(2) + "->" + m.group(3));
        }
        return changes;
    }
}
