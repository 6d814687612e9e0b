package io.director.lab;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The README's main job: boots the lab, starts a director pair over three real servers, sends traffic,
 * kills the master (kill -9 and a cut link, the realistic "director died"), brings it back, and prints
 * a measured report. Progress goes to stdout as it happens.
 */
public final class Demo {
    private Demo() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "lab-out/demo").toAbsolutePath();
        Files.createDirectories(out);
        long t0 = System.nanoTime();
        step(System.out, t0, "booting the lab guest (User-Mode Linux, IPVS, client, d1, d2, rs1..rs3, sorry)");
        try (Lab lab = Lab.boot(3, out)) {
            step(System.out, t0, "guest ready in " + lab.guestBootTime().toMillis() + " ms");
            run(lab, System.out, t0);
        }
    }

    /**
     * The demo in a booted lab (DocumentedCommandsLabTest runs it so): progress and the report go to
     * {@code out}; the directors are stopped and the guest left as found at the end.
     */
    public static void run(Lab lab, PrintStream out) throws Exception {
        run(lab, out, System.nanoTime());
    }

    private static void run(Lab lab, PrintStream out, long t0) throws Exception {
        try (Directors directors = new Directors(lab)) {
            step(out, t0, "starting directors d1 (priority 150) and d2 (100)");
            directors.startPair(Duration.ofSeconds(120));
            step(out, t0, "d1 is MASTER (holds " + lab.vip() + ": " + directors.holdsVip("d1") + "), d2 is BACKUP (holds it: "
                    + directors.holdsVip("d2") + ")");
            out.println(lab.host("d1").run("ipvsadm -Ln").stdout());
            Probe probe = lab.startProbe(Duration.ofMillis(20));
            Lab.await(Duration.ofSeconds(30), "traffic flows", () -> probe.snapshot().requests() > 100);
            ProbeReport before = probe.snapshot();
            step(out, t0, "client traffic flows: " + before.summary());

            step(out, t0, "killing d1 (kill -9 of its JVM and its link cut)");
            long killAt = System.nanoTime();
            directors.kill9("d1");
            lab.cutLink("d1");
            directors.awaitRole("d2", "MASTER", Duration.ofSeconds(30));
            Duration takeover = Duration.ofNanos(System.nanoTime() - killAt);
            Lab.await(Duration.ofSeconds(10), "d2 answers for the VIP",
                    () -> directors.clientNeighbourMac().equals(directors.mac("d2")));
            step(out, t0, "d2 is MASTER after " + takeover.toMillis() + " ms (as seen from the host); client's ARP entry points to d2");
            Lab.await(Duration.ofSeconds(10), "traffic flows through d2",
                    () -> probe.snapshot().requests() > before.requests() + 100);

            step(out, t0, "bringing d1 back (link healed, daemon restarted): it drops its stale VIP, joins and preempts");
            lab.healLink("d1");
            directors.start("d1");
            directors.awaitRole("d1", "MASTER", Duration.ofSeconds(120));
            Lab.await(Duration.ofSeconds(10), "d2 released the VIP", () -> !directors.holdsVip("d2"));
            Lab.await(Duration.ofSeconds(10), "the client's ARP entry points to d1",
                    () -> directors.clientNeighbourMac().equals(directors.mac("d1")));
            ProbeReport report = probe.stop();
            step(out, t0, "done");
            out.println();
            out.println("== Director demo report ==");
            out.println("requests sent by the client every 20 ms : " + report.requests());
            out.println("failed requests                         : " + report.failures());
            out.println("longest gap in answers                  : " + report.longestGap().toMillis() + " ms");
            out.println("answers per real server                 : " + report.perServer());
            out.println("takeover after kill -9 + link cut       : " + takeover.toMillis() + " ms (host clock, includes guest command latency)");
            out.println("VIP holders now                         : d1=" + directors.holdsVip("d1") + " d2=" + directors.holdsVip("d2"));
            out.println("probe log                               : " + probe.log());
        }
    }

    private static void step(PrintStream out, long t0, String what) {
        out.printf("[%6.1f s] %s%n", (System.nanoTime() - t0) / 1e9, what);
        out.flush();
    }
}
