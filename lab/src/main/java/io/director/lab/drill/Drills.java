package io.director.lab.drill;

import io.director.lab.ConnectionHolder;
import io.director.lab.Lab;
import io.director.lab.LabException;
import io.director.lab.Probe;
import io.director.lab.ProbeReport;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code lab drill}: failover drills against Director or keepalived in the lab, with the client
 * probing the VIP (a new connection every 20 ms) and long-lived connections held through each drill.
 * Per drill it measures the client's longest gap overlapping the failover and the way back, the
 * failed requests, the broken long-lived connections and which directors hold the VIP once settled
 * ({@code ip addr}); it prints a table with p50/p99/max and draws the client's view as an SVG.
 *
 * <pre>lab/bin/lab drill --kind kill|link|graceful|partition --count N [--keepalived [--advert-int 1|0.1]]</pre>
 */
public final class Drills {
    /** Answers in a row that count as traffic flowing again. */
    private static final int FLOWING = 25;
    /**
     * How long after d1 was restarted (a kill drill) the next drill waits: a drill measures a pair in its
     * steady state, not a director in its start (a JVM loads and compiles for its first seconds, and the
     * guest's one CPU is shared). The same wait for every subject.
     */
    private static final Duration AFTER_RESTART = Duration.ofSeconds(30);
    private static final Pattern LLADDR = Pattern.compile("lladdr (\\S+)");

    private final Lab lab;
    private final DrillOptions options;
    private final PrintStream out;
    private final GuestClock clock;
    private Probe probe;
    private String macD1 = "";
    private String macD2 = "";
    /** When d1 was last started again ({@link #clock} milliseconds), or 0. */
    private long restartedAt;

    /** A finished run: the report and where its text and picture went. */
    public record Run(DrillReport report, Path text, Path picture) {}

    private Drills(Lab lab, DrillOptions options, PrintStream out) {
        this.lab = lab;
        this.options = options;
        this.out = out;
        this.clock = new GuestClock(lab);
    }

    public static void main(String[] args) {
        DrillOptions options;
        try {
            options = DrillOptions.parse(args, Path.of("lab-out").toAbsolutePath());
        } catch (IllegalArgumentException e) {
            System.err.println("lab drill: " + e.getMessage());
            System.err.println(DrillOptions.USAGE);
            System.exit(2);
            return;
        }
        int code;
        try {
            Files.createDirectories(options.out());
            System.out.println("lab drill: booting the lab guest (results in " + options.out() + ")");
            try (Lab lab = Lab.boot(3, options.out())) {
                System.out.println("lab drill: guest ready in " + lab.guestBootTime().toMillis() + " ms");
                Run run = run(lab, options, System.out);
                code = run.report().allSettledWithOneOwner() ? 0 : 1;
            }
        } catch (LabException | AssertionError | IOException | UncheckedIOException e) {
            System.err.println("lab drill: " + e.getMessage());
            code = 1;
        }
        System.exit(code);
    }

    /** Runs the drills in a booted lab (the lab test's entry point); progress and the report go to {@code out}. */
    public static Run run(Lab lab, DrillOptions options, PrintStream out) {
        return new Drills(lab, options, out).run();
    }

    private Run run() {
        List<DrillResult> results = new ArrayList<>();
        List<DrillKind> sequence = options.sequence();
        try {
            drills(results, sequence);
        } catch (LabException | AssertionError e) {
            // the guest itself failed (or the pair never started): report the drills that ran
            step("stopped: " + e.getMessage().strip().split("\n")[0]);
            if (probe == null) {
                throw e;
            }
        } finally {
            if (probe != null) {
                try {
                    probe.stop();
                } catch (LabException e) {
                    step("the probe did not stop cleanly: " + e.getMessage().strip().split("\n")[0]);
                }
            }
        }
        return finish(results);
    }

    private void drills(List<DrillResult> results, List<DrillKind> sequence) {
        try (DrillSubject subject = options.keepalived() ? new KeepalivedSubject(lab, clock, options.advertInt())
                : new DirectorSubject(lab, clock, options.kinds().contains(DrillKind.PARTITION))) {
            step("starting " + options.subject() + " in d1 (priority 150) and d2 (100)"
                    + (options.kinds().contains(DrillKind.PARTITION) ? " with the witness in w" : ""));
            subject.start();
            macD1 = mac("d1");
            macD2 = mac("d2");
            await(Duration.ofSeconds(20), "the VIP on d1 only", () -> owners().equals(List.of("d1")));
            probe = lab.startProbe(Duration.ofMillis(20));
            ProbeReport first = probe.snapshot();
            clock.calibrate(first.startedEpochMillis(), first.startedUptimeMillis());
            long started = clock.now();
            await(Duration.ofSeconds(60), "traffic through the VIP", () -> timeline().flowingSince(started, FLOWING));
            step("traffic flows; " + sequence.size() + " drills follow (in each, " + options.connections() + " long-lived connections"
                    + " opened before the failover and " + options.connections() + " after it)");
            out.println(DrillReport.header());
            try {
                runAll(subject, results, sequence);
            } finally {
                saveLogs(subject); // also when a drill failed outright: then they matter most
            }
        }
    }

    /** The drills in order; stops early when one failed outright or left a pair that cannot be settled. */
    private void runAll(DrillSubject subject, List<DrillResult> results, List<DrillKind> sequence) {
        for (int i = 0; i < sequence.size(); i++) {
            DrillResult r;
            try {
                r = drill(subject, i + 1, sequence.get(i));
            } catch (LabException | AssertionError e) {
                // A step that failed outright (a command that hung): report what ran so far.
                step("drill " + (i + 1) + " failed: " + e.getMessage().strip().split("\n")[0] + "\nLogs:\n" + subject.logs());
                break;
            }
            results.add(r);
            out.println(DrillReport.row(r));
            out.flush();
            if (r.note().contains("NOT SETTLED")) {
                // Go on when only the client's neighbour entry is wrong (the row says so), or once the
                // pair is brought back (a needless failover left d2 master); stop when it cannot be: the
                // drills after it would measure that instead.
                String logs = subject.logs();
                boolean pairSettled = backToD1(subject);
                if (!pairSettled) {
                    subject.resettle();
                    pairSettled = poll(Duration.ofSeconds(60), Duration.ofMillis(250),
                            () -> backToD1(subject));
                }
                step("drill " + r.number() + " did not settle" + (pairSettled ? "; going on" : "; stopping here") + ". Logs:\n"
                        + logs);
                if (!pairSettled) {
                    break;
                }
            }
        }
    }

    /** The daemons' whole logs beside the report: where each takeover's time went. */
    private void saveLogs(DrillSubject subject) {
        try {
            Files.createDirectories(options.out());
            for (Map.Entry<String, String> log : subject.fullLogs().entrySet()) {
                Files.writeString(options.out().resolve("drill-" + options.tag() + "-" + log.getKey() + ".log"), log.getValue());
            }
        } catch (IOException e) {
            step("cannot save the daemons' logs: " + e.getMessage());
        }
    }

    private DrillResult drill(DrillSubject subject, int number, DrillKind kind) {
        List<String> notes = new ArrayList<>();
        // A flapping pair (a starved guest) would measure the flapping, not the drill: start from the settled state.
        if (!poll(Duration.ofSeconds(60), Duration.ofMillis(250), () -> backToD1(subject))) {
            notes.add("not settled before the drill (VIP on " + owners() + ")");
        }
        long sinceRestart = restartedAt == 0 ? Long.MAX_VALUE : clock.now() - restartedAt;
        if (sinceRestart < AFTER_RESTART.toMillis()) {
            pause(AFTER_RESTART.minusMillis(sinceRestart));
        }
        ConnectionHolder holder = options.connections() > 0 ? lab.holdConnections(options.connections()) : null;
        if (holder != null && !poll(Duration.ofSeconds(10), Duration.ofMillis(250),
                () -> establishedOn("d2") >= options.connections())) {
            notes.add("connections not yet synced to d2");
        }
        long begin = clock.now();
        long event = subject.fail(kind);
        if (!poll(Duration.ofSeconds(60), Duration.ofMillis(50), subject::failedOver)) {
            notes.add("d2 did not say MASTER");
        }
        if (!poll(Duration.ofSeconds(20), Duration.ofMillis(250), () -> owners().contains("d2"))) {
            notes.add("d2 did not take the VIP");
        }
        // The failover's gap is a span without answers overlapping [event, over]; spans later than that are the
        // guest's own noise (over the seconds until the way back, the probe's spacing alone reaches 40-50 ms).
        long over = clock.now();
        if (!poll(Duration.ofSeconds(30), Duration.ofMillis(100), () -> timeline().flowingSince(over, FLOWING))) {
            notes.add("traffic did not resume after the failover");
        }
        if (kind == DrillKind.PARTITION && !poll(Duration.ofSeconds(10), Duration.ofMillis(250), () -> !owners().contains("d1"))) {
            notes.add("d1 kept the VIP while cut off");
        }
        // Connections first opened through the new master must survive the way back too.
        ConnectionHolder opened = options.connections() > 0 ? lab.holdConnections(options.connections()) : null;
        if (opened != null && kind == DrillKind.GRACEFUL && !poll(Duration.ofSeconds(10), Duration.ofMillis(250),
                () -> establishedOn("d1") >= options.connections())) {
            notes.add("connections opened through d2 not synced to d1");
        }
        long back = subject.back(kind);
        if (kind == DrillKind.KILL) {
            restartedAt = back;
        }
        boolean settled = poll(Duration.ofSeconds(180), Duration.ofMillis(50), subject::settled)
                && poll(Duration.ofSeconds(20), Duration.ofMillis(250), () -> owners().equals(List.of("d1")))
                && poll(Duration.ofSeconds(20), Duration.ofMillis(250), () -> macD1.equals(neighbourMac()));
        long home = clock.now();
        settled = settled && poll(Duration.ofSeconds(30), Duration.ofMillis(100), () -> timeline().flowingSince(home, FLOWING));
        List<String> owners = owners();
        if (!settled) {
            notes.add("NOT SETTLED (VIP on " + owners + ", client's neighbour entry " + describeMac(neighbourMac()) + ")");
        }
        long end = clock.now();
        int resets = holder == null ? -1 : holder.stop() + opened.stop();
        if (!subject.note().isEmpty()) {
            notes.add(0, subject.note());
        }
        ProbeTimeline t = timeline();
        return new DrillResult(number, kind, begin, event, back, end, t.gapOverlapping(event, over), t.gapOverlapping(back, home),
                t.answeredBetween(begin, end) + t.failuresBetween(begin, end), t.failuresBetween(begin, end), resets, owners,
                String.join("; ", notes));
    }

    private Run finish(List<DrillResult> results) {
        DrillReport report = new DrillReport(options.subject(), results);
        ProbeTimeline t = timeline();
        List<SvgChart.Event> events = new ArrayList<>();
        for (DrillResult r : results) {
            events.add(new SvgChart.Event("#" + r.number() + " " + r.kind().label() + ": gap " + r.gapMillis() + " ms", true,
                    t.offsetOf(r.event()), r.gap().fromOffset(), r.gap().toOffset()));
            events.add(new SvgChart.Event("#" + r.number() + " back: gap " + r.backGapMillis() + " ms", false,
                    t.offsetOf(r.back()), r.backGap().fromOffset(), r.backGap().toOffset()));
        }
        String title = options.subject() + ": " + results.size() + " drills (" + String.join(", ",
                options.kinds().stream().map(DrillKind::label).toList()) + "), client probing the VIP every 20 ms";
        List<Long> spacings = t.answeredSpacings();
        String floor = String.format(Locale.ROOT, "(the probe's own spacing, start to start of answered requests in a row over the"
                + " run: p50 %d, p99 %d, max %d ms)%n", DrillReport.percentile(spacings, 50), DrillReport.percentile(spacings, 99),
                DrillReport.percentile(spacings, 100));
        Path picture = options.out().resolve("drill-" + options.tag() + ".svg");
        Path text = options.out().resolve("drill-" + options.tag() + ".txt");
        try {
            Files.createDirectories(options.out());
            Files.writeString(picture, SvgChart.render(title, t, events));
            Files.writeString(text, report.text() + floor + String.join("\n", report.resultLines()) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
        out.print(report.text());
        out.print(floor);
        report.resultLines().forEach(out::println);
        out.println("probe log: " + (probe == null ? "-" : probe.log()));
        out.println("report:    " + text);
        out.println("picture:   " + picture);
        out.flush();
        return new Run(report, text, picture);
    }

    private ProbeTimeline timeline() {
        return ProbeTimeline.of(probe.snapshot());
    }

    /** Directors whose eth0 carries the IPv4 VIP, by {@code ip addr}, in one guest command. */
    private List<String> owners() {
        String r = lab.guest("for n in d1 d2; do ip -n $n -4 -o addr show dev eth0 | grep -q ' " + Lab.VIP + "/' && echo $n; done; true")
                .assertSuccess().stdout();
        return r.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private String mac(String node) {
        return lab.host(node).run("cat /sys/class/net/eth0/address").assertSuccess().stdout().strip();
    }

    private String neighbourMac() {
        Matcher m = LLADDR.matcher(lab.host("client").run("ip neigh show " + Lab.VIP).stdout());
        return m.find() ? m.group(1) : "";
    }

    private String describeMac(String mac) {
        return mac.equals(macD1) ? "d1" : mac.equals(macD2) ? "d2" : mac.isEmpty() ? "none" : mac;
    }

    /** Connections the kernel of {@code node} knows as established (its sync daemon's copy, on a backup). */
    private int establishedOn(String node) {
        String r = lab.host(node).run("ipvsadm -Lnc | grep -c ESTABLISHED; true").stdout().strip();
        try {
            return Integer.parseInt(r.isEmpty() ? "0" : r.split("\n")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void step(String what) {
        out.println("lab drill: " + what);
        out.flush();
    }

    private static void await(Duration deadline, String what, BooleanSupplier condition) {
        if (!poll(deadline, Duration.ofMillis(100), condition)) {
            throw new LabException("timed out after " + deadline.toSeconds() + " s waiting for " + what);
        }
    }

    /** d1 master and d2 backup by their own word, and d1 alone holds the VIP. */
    private boolean backToD1(DrillSubject subject) {
        return subject.settled() && owners().equals(List.of("d1"));
    }

    private static void pause(Duration length) {
        try {
            Thread.sleep(length.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Checks {@code condition} every {@code every} until it holds; false after {@code deadline}.
     * Conditions that run guest commands are checked less often: every process start costs the
     * guest's single CPU, which the probe shares.
     */
    private static boolean poll(Duration deadline, Duration every, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
