package io.director.lab;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.director.lab.DocShell.DocResult;
import io.director.lab.docs.CommandPlaces;
import io.director.lab.docs.Coverage;
import io.director.lab.docs.DocCommand;
import io.director.lab.docs.Documentation;
import io.director.lab.docs.FencedBlock;
import io.director.lab.docs.Phase;
import io.director.lab.docs.Place;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every command of the documentation's {@code sh} blocks (README.md, docs/*.md), run for real where
 * {@link CommandPlaces} places it: on director d1, real server rs1, the client, the guest's root
 * namespace, or on the build host once the guest is off; {@code bin/demo} as the demo's scenario in this
 * guest. Commands that cannot run in the lab are the not-run rules of {@link CommandPlaces}, each with
 * a substitute check run here. The last test fails for any documented command that neither ran nor has
 * such a rule, so documentation cannot show a command no test runs.
 *
 * <p>Commands run in the order of the documents, in three phases by what their block needs: a single
 * director (no daemon), the director pair of docs/getting-started.md (blocks that talk to the daemon),
 * and the rollback (blocks that stop it). Exit status is asserted for each; where the docs show output,
 * its key part too.
 */
@LabTest(realServers = 3)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DocumentedCommandsLabTest {
    static final Duration START = Duration.ofSeconds(300);
    static final String GETTING_STARTED = "docs/getting-started.md";
    static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=");
    static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");

    final Path root = LabEnvironment.projectRoot();
    final Documentation docs = Documentation.read(root);
    /** Names of the not-run rules whose substitute check passed. */
    final Set<String> substitutes = new TreeSet<>();
    DocShell shell;
    Directors pair;
    String master;

    @BeforeAll
    void shell(Lab lab) {
        shell = new DocShell(lab);
    }

    @AfterAll
    void stopPair() {
        if (pair != null) {
            pair.close();
        }
    }

    // ---- bin/demo ------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void binDemoRunsTheDemoScenario(Lab lab) throws Exception {
        List<DocCommand> demo = at(Place.DEMO);
        assertThat(docs.blocks()).filteredOn(b -> b.file().equals("README.md") && b.label().equals("sh")).first()
                .as("the README's main command: the first line of its first shell block")
                .satisfies(b -> assertThat(b.lines().get(0)).isEqualTo("bin/demo"));
        // bin/demo = install-deps, a build, then io.director.lab.Demo, whose scenario runs here in this guest.
        assertThat(Files.readString(root.resolve("bin/demo"))).contains("io.director.lab.Demo");
        assertThat(hostCommand(Duration.ofSeconds(30), "sh", "-n", "bin/demo").exitCode).isZero();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            Demo.run(lab, new PrintStream(buffer, true, UTF_8));
        } finally {
            System.out.print(buffer.toString(UTF_8));
        }
        assertThat(buffer.toString(UTF_8)).contains("== Director demo report ==")
                .containsPattern("requests sent by the client every 20 ms : [1-9]\\d*")
                .containsPattern("failed requests +: \\d+")
                .contains("VIP holders now                         : d1=true d2=false");
        demo.forEach(shell::ranElsewhere);
    }

    // ---- the guest's root namespace, as in lab/bin/lab shell -----------------------------------------

    @Test
    @Order(2)
    void theLabWalkThroughRunsInTheGuest(Lab lab) {
        for (List<DocCommand> block : blocksWith(Place.GUEST)) {
            String prelude = "";
            for (DocCommand c : block) {
                assertThat(CommandPlaces.placeOf(c)).as(c + ": a guest block holds guest commands only").isEqualTo(Place.GUEST);
                DocResult r = shell.run("-", c, prelude);
                assertThat(r.exitCode()).as(r.toString()).isZero();
                String t = c.text();
                if (ASSIGNMENT.matcher(t).lookingAt()) {
                    prelude += t + "\n";
                } else if (t.contains(" realserver check ")) {
                    assertThat(r.stdout()).as(r.toString()).contains("ok: ready to serve 198.51.100.100, 2001:db8::100");
                } else if (t.contains(" check -c ")) {
                    assertThat(r.stdout()).as(r.toString()).contains(": OK (node d1, director, 1 VIPs, 1 services, 2 real servers)");
                } else if (t.contains(" apply ")) {
                    // The docs show its output in the next block; a second run finds nothing to do.
                    assertThat(r.stdout().lines()).as(r.toString()).containsAll(docs.blockAfter(c).lines());
                    DocResult again = shell.run("-", c, prelude);
                    assertThat(again.exitCode()).as(again.toString()).isZero();
                    assertThat(again.stdout()).as(again.toString()).contains("vip 198.51.100.100/24 on eth0: present")
                            .contains("ipvs: nothing to do");
                } else if (t.contains(" list")) {
                    assertThat(r.stdout()).as(r.toString()).containsPattern("TCP +198\\.51\\.100\\.100:80 rr")
                            .containsPattern("-> 198\\.51\\.100\\.11:80 +Route +1").containsPattern("-> 198\\.51\\.100\\.12:80 +Route +1");
                } else if (t.contains("curl")) {
                    assertThat(r.stdout().trim()).as(r.toString()).isIn("rs1", "rs2");
                }
            }
        }
        lab.host("d1").run("ip addr del 198.51.100.100/24 dev eth0; ipvsadm -C").assertSuccess();
    }

    // ---- real server rs1 -----------------------------------------------------------------------------

    @Test
    @Order(3)
    void theRealServerCommandsDoWhatTheDocsSay(Lab lab) {
        for (List<DocCommand> block : blocksWith(Place.RS1)) {
            // Each block starts on a real server that lacks everything: no VIP on lo, ARP sysctls at 0.
            lab.host("rs1").run("ip addr del 198.51.100.100/32 dev lo; ip -6 addr del 2001:db8::100/128 dev lo;"
                    + " sysctl -qw net.ipv4.conf.all.arp_ignore=0 net.ipv4.conf.lo.arp_ignore=0"
                    + " net.ipv4.conf.all.arp_announce=0 net.ipv4.conf.lo.arp_announce=0").assertSuccess();
            Set<String> onLo = new HashSet<>();
            boolean arp = false;
            for (DocCommand c : block) {
                assertThat(CommandPlaces.placeOf(c)).as(c + ": a real-server block holds real-server commands only").isEqualTo(Place.RS1);
                List<String> vips = vipsOf(c);
                boolean v4 = vips.stream().anyMatch(v -> !v.contains(":"));
                DocResult r = shell.run("rs1", c);
                String verb = c.text().split("\\s+")[2];
                switch (verb) {
                    case "up" -> {
                        assertThat(r.exitCode()).as(r.toString()).isZero();
                        for (String vip : vips) {
                            if (!onLo.contains(vip)) {
                                assertThat(r.stdout()).as(r.toString()).contains("added " + vip + (vip.contains(":") ? "/128" : "/32") + " on lo");
                            }
                        }
                        if (v4 && !arp) {
                            assertThat(r.stdout()).as(r.toString()).contains("set net.ipv4.conf.all.arp_ignore = 1 (was 0)")
                                    .contains("set net.ipv4.conf.all.arp_announce = 2 (was 0)");
                        }
                        onLo.addAll(vips);
                        arp |= v4;
                    }
                    case "check" -> {
                        if (onLo.containsAll(vips) && (arp || !v4)) {
                            assertThat(r.exitCode()).as(r.toString()).isZero();
                            assertThat(r.stdout()).as(r.toString()).contains("ok: ready to serve " + String.join(", ", vips));
                        } else {
                            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
                            assertThat(r.stdout()).as(r.toString()).contains("missing: ");
                            if (v4 && !arp) {
                                assertThat(r.stdout()).as(r.toString()).contains("missing: net.ipv4.conf.all.arp_ignore");
                            }
                        }
                    }
                    case "down" -> {
                        assertThat(r.exitCode()).as(r.toString()).isZero();
                        for (String vip : vips) {
                            if (onLo.contains(vip)) {
                                assertThat(r.stdout()).as(r.toString()).contains("removed " + vip + (vip.contains(":") ? "/128" : "/32") + " from lo");
                            }
                        }
                        onLo.removeAll(vips);
                    }
                    default -> throw new AssertionError(c + ": no expectation for 'director realserver " + verb + "'");
                }
            }
            // Back to the lab's real server (VIPs on lo, ARP sysctls) for the directors' checks and traffic.
            lab.host("rs1").run("ip addr replace 198.51.100.100/32 dev lo && ip -6 addr replace 2001:db8::100/128 dev lo nodad"
                    + " && sysctl -qw net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.lo.arp_ignore=1"
                    + " net.ipv4.conf.all.arp_announce=2 net.ipv4.conf.lo.arp_announce=2").assertSuccess();
        }
    }

    // ---- director d1 alone ---------------------------------------------------------------------------

    @Test
    @Order(4)
    void singleDirectorCommandsRunOnD1(Lab lab) throws IOException {
        // The file docs/getting-started.md shows as d1's /etc/director/director.conf.
        Files.writeString(shell.etc(GETTING_STARTED, "director/director.conf"),
                shell.rewrite(GETTING_STARTED, directorConf().text() + "\n"));
        for (DocCommand c : commands(Phase.SINGLE, Place.D1)) {
            prepareMachine(c);
            if (c.text().startsWith("tcpdump ")) {
                redirectsStaySilent(lab, c);
                continue;
            }
            DocResult r = shell.run("d1", c);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            expectDirectorHostOutput(r);
        }
    }

    /** A command runs on "the machine" of its document: put there what the docs assume is installed. */
    private void prepareMachine(DocCommand c) throws IOException {
        if (c.text().contains("/etc/director/director.conf.example")) {
            // As the Debian package installs it.
            Files.copy(root.resolve("packaging/etc/director.conf.example"),
                    shell.etc(c.file(), "director/director.conf.example"), StandardCopyOption.REPLACE_EXISTING);
        }
        if (c.text().contains("/etc/keepalived/keepalived.conf")) {
            try (InputStream in = getClass().getResourceAsStream("/docs/keepalived.conf")) {
                Files.copy(in, shell.etc(c.file(), "keepalived/keepalived.conf"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private void expectDirectorHostOutput(DocResult r) throws IOException {
        DocCommand c = r.command();
        String t = c.text();
        String out = r.stdout();
        if (t.startsWith("install -d -m 0700 /etc/director")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shell.etc(c.file(), "director"))))
                    .isEqualTo("rwx------");
        } else if (t.startsWith("head -c 32 /dev/urandom") && t.contains("/etc/director/cluster.key")) {
            Path key = shell.etc(c.file(), "director/cluster.key");
            assertThat(Files.size(key)).as("the cluster key: at least 16 bytes").isGreaterThanOrEqualTo(16);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        } else if (t.startsWith("director check -c ")) {
            assertThat(out).as(r.toString()).containsPattern(": OK \\(node d1, director, \\d+ VIPs, \\d+ services, \\d+ real servers\\)");
            if (c.file().equals(GETTING_STARTED)) {
                assertThat(out).as(r.toString()).contains("/etc/director/director.conf: " + documentedCheckResult());
            }
        } else if (t.startsWith("director apply ")) {
            assertThat(out).as(r.toString()).contains("applied: add vip 198.51.100.100/24 on eth0 (announced)")
                    .containsPattern("ipvs: (\\d+) of \\1 operations applied");
            DocResult again = shell.run("d1", c);
            assertThat(again.exitCode()).as(again.toString()).isZero();
            assertThat(again.stdout()).as("the second run does nothing: " + again).contains("ipvs: nothing to do")
                    .doesNotContain("applied:");
        } else if (t.equals("director list")) {
            assertThat(out).as(r.toString()).containsPattern("TCP +198\\.51\\.100\\.100:80 wrr")
                    .containsPattern("-> 198\\.51\\.100\\.11:80 +Route +1").containsPattern("-> 198\\.51\\.100\\.12:80 +Route +2");
        } else if (t.startsWith("director import-keepalived ")) {
            // The example warnings in the docs are what the test's keepalived.conf (a DR pair's d1) gives.
            assertThat(r.stderr().lines()).as(r.toString()).containsExactlyElementsOf(docs.blockAfter(c).lines());
            assertThat(Files.readString(machine(c).resolve("work/director.conf"))).contains("node-id = \"d1\"")
                    .contains("bind = \"198.51.100.2:7800\"");
        } else if (t.startsWith("cp /etc/director/director.conf.example /etc/director/director.conf")) {
            assertThat(Files.readString(shell.etc(c.file(), "director/director.conf")))
                    .isEqualTo(Files.readString(root.resolve("packaging/etc/director.conf.example")));
        } else if (t.startsWith("sysctl -w ")) {
            assertThat(out).as(r.toString()).contains("net.ipv4.conf.all.send_redirects = 0");
        } else if (t.startsWith("sysctl net.ipv4.conf.all.send_redirects")) {
            // The lab's directors are set up as the docs ask (docs/lab.md): redirects off.
            assertThat(out).as(r.toString()).contains("net.ipv4.conf.all.send_redirects = 0")
                    .contains("net.ipv4.conf.default.send_redirects = 0").contains("net.ipv4.conf.eth0.send_redirects = 0");
        }
    }

    /** tcpdump for ICMP redirects on d1 while the client's traffic crosses it: it listens and stays silent. */
    private void redirectsStaySilent(Lab lab, DocCommand c) {
        Spawned tcpdump = shell.spawn("d1", c);
        Lab.await(Duration.ofSeconds(60), "tcpdump to listen: " + c, () -> tcpdump.errors().contains("listening on eth0"));
        Exec traffic = lab.host("client").run("for i in 1 2 3 4 5 6 7 8 9 10; do curl -sf -m 5 http://198.51.100.100/ || exit 1; done");
        assertThat(traffic.exitCode()).as("client traffic through d1 (the VIP of the apply above): " + traffic).isZero();
        assertThat(tcpdump.isRunning()).as(c + " runs until stopped").isTrue();
        Exec stopped = tcpdump.stop();
        assertThat(stopped.stdout()).as(c + ": " + stopped).doesNotContain("redirect");
        assertThat(stopped.stderr()).as(c + ": " + stopped).contains("0 packets captured");
    }

    // ---- the director pair of docs/getting-started.md ------------------------------------------------

    @Test
    @Order(5)
    void pairCommandsRunAgainstTheDocumentedPair(Lab lab) throws IOException {
        pair = new Directors(lab);
        Path d1 = shell.etc(GETTING_STARTED, "director/director.conf");
        // "On d2 the same file with node-id = d2, bind = "198.51.100.3:7800" and a lower priority (e.g. 100)";
        // d2's socket elsewhere: the guest's hosts share /run, and d1's commands find the only *.sock there.
        String d2Text = replaceOnce(replaceOnce(replaceOnce(Files.readString(d1), "node-id = d1", "node-id = d2"),
                "bind = \"198.51.100.2:7800\"", "bind = \"198.51.100.3:7800\""), "priority = 150", "priority = 100")
                + "director.admin.socket = /run/director-d2/d2.sock\n";
        Path d2 = shell.etc("d2", "director/director.conf");
        Files.writeString(d2, d2Text.replace(shell.etc(GETTING_STARTED, "director").toString(), shell.etc("d2", "director").toString()));
        Files.copy(shell.etc(GETTING_STARTED, "director/cluster.key"), shell.etc("d2", "director/cluster.key"),
                StandardCopyOption.REPLACE_EXISTING);
        // The witness w of the docs is not started: each idle daemon takes a good part of the guest's one CPU,
        // and d1 with d2 are a majority of the three members.
        // What ExecStart runs: director run -c /etc/director/director.conf.
        pair.start("d1", d1);
        pair.start("d2", d2);
        pair.awaitRole("d1", "MASTER", START);
        pair.awaitRole("d2", "BACKUP", START);
        master = "d1";
        List<Spawned> watchers = new ArrayList<>();
        boolean watched = false;
        for (List<DocCommand> block : blocks(Phase.PAIR)) {
            for (DocCommand c : block) {
                if (CommandPlaces.placeOf(c) != Place.D1) {
                    continue;
                }
                String t = c.text();
                if (t.startsWith("director reload")) {
                    // "Change the file": the second real server's weight. Written from the build host: the
                    // daemon's watch polls such a file system and may apply the edit before the command runs.
                    Files.writeString(d1, replaceOnce(Files.readString(d1), "{ address = 198.51.100.12, weight = 2 }",
                            "{ address = 198.51.100.12, weight = 3 }"));
                }
                if (t.startsWith("director failover") && !watched) {
                    watched = true;
                    watchers.addAll(startAnnouncementWatchers(lab));
                }
                DocResult r = t.equals("director status") ? awaitStatus(lab, c) : shell.run("d1", c);
                assertThat(r.exitCode()).as(r.toString()).isZero();
                expectPairOutput(lab, r);
                if (!watchers.isEmpty() && t.startsWith("director failover")) {
                    announcementsSeen(lab, watchers);
                    watchers.clear();
                }
            }
        }
        // systemctl reload director = SIGHUP (ExecReload); journalctl shows the daemon's stderr event lines.
        pair.hangup("d1");
        Lab.await(Duration.ofSeconds(60), "d1 to log its SIGHUP reload", () -> pair.log("d1").contains("trigger=SIGHUP"));
        assertThat(pair.log("d1")).containsPattern("event=role-change from=\\S+ to=MASTER");
        substitutes.add("journal");
    }

    private DocResult awaitStatus(Lab lab, DocCommand c) {
        // Each run of the command is a JVM start (dear in the guest): first wait with ipvsadm until d1 has
        // both real servers in IPVS, so the command usually runs once.
        Lab.await(Duration.ofSeconds(90), "d1 to have both real servers in IPVS", () -> lab.host("d1").run("ipvsadm -Ln").stdout()
                .matches("(?s).*198\\.51\\.100\\.11:80 .*198\\.51\\.100\\.12:80 .*"));
        DocResult[] last = new DocResult[1];
        try {
            Lab.await(Duration.ofSeconds(180), c + " to show both real servers healthy", () -> {
                last[0] = shell.run("d1", c);
                return last[0].stdout().contains("healthy 2/2");
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + last[0], e);
        }
        return last[0];
    }

    private void expectPairOutput(Lab lab, DocResult r) throws IOException {
        DocCommand c = r.command();
        String t = c.text();
        String out = r.stdout();
        boolean d1Master = master.equals("d1");
        if (t.equals("director status")) {
            assertThat(out).as(r.toString())
                    .containsPattern("node d1 +role " + (d1Master ? "MASTER" : "BACKUP") + " +master " + master + " +cluster lvs-prod")
                    .containsPattern("198\\.51\\.100\\.100/24 +" + (d1Master ? "held" : "not held"))
                    .containsPattern("2001:db8::100/64 +" + (d1Master ? "held" : "not held"))
                    .contains("tcp 198.51.100.100:80 wrr dr  healthy 2/2  quorum ok  sorry 198.51.100.20:80")
                    .containsPattern("-> 198\\.51\\.100\\.11:80 +up +weight 1/1 ");
        } else if (t.equals("director status --json")) {
            assertThat(out.strip()).as(r.toString()).startsWith("{").endsWith("}").contains("\"role\"");
        } else if (t.startsWith("director list --stats")) {
            assertThat(out).as(r.toString()).containsPattern("Conns +InPkts +OutPkts +InBytes +OutBytes")
                    .containsPattern("TCP +198\\.51\\.100\\.100:80 +\\d+").containsPattern("-> 198\\.51\\.100\\.11:80 +\\d+");
        } else if (t.startsWith("director list")) {
            assertThat(out).as(r.toString()).containsPattern("TCP +198\\.51\\.100\\.100:80 wrr")
                    .containsPattern("-> 198\\.51\\.100\\.11:80 +Route +1");
        } else if (t.startsWith("director check -c ")) {
            assertThat(out).as(r.toString()).contains("/etc/director/director.conf: " + documentedCheckResult());
        } else if (t.startsWith("director reload")) {
            if (out.startsWith("reload: no changes")) {
                // the file watch was first (as the docs say it may be): then it logged the change
                assertThat(pair.log("d1")).as(r.toString()).containsPattern("event=reload-applied trigger=file-changed .*198\\.51\\.100\\.12");
            } else {
                assertThat(out).as(r.toString()).startsWith("reload applied:").contains("198.51.100.12");
            }
            assertThat(lab.host("d1").run("ipvsadm -Ln").assertSuccess().stdout()).containsPattern("-> 198\\.51\\.100\\.12:80 +Route +3");
        } else if (t.startsWith("director failover")) {
            Matcher to = Pattern.compile("--to (\\S+)").matcher(t);
            String next = to.find() ? to.group(1) : (d1Master ? "d2" : "d1");
            // The output the docs show below it, numbers aside.
            docs.nextBlock(c).filter(b -> b.label().equals("text") && b.text().startsWith("handover ")).ifPresent(shown ->
                    assertThat(out.strip()).as(r.toString()).matches(NUMBER.splitAsStream(shown.text())
                            .map(Pattern::quote).reduce((a, b) -> a + "[\\d.]+" + b).orElseThrow()));
            assertThat(out).as(r.toString()).containsPattern("handover " + master + " -> " + next
                    + ": new master after [\\d.]+ ms, old master released after [\\d.]+ ms");
            assertThat(pair.holdsVip(next)).as(next + " holds the VIP after " + t).isTrue();
            assertThat(pair.holdsVip(master)).as(master + " released the VIP after " + t).isFalse();
            master = next;
        } else if (t.startsWith("ip -br addr show dev eth0")) {
            if (d1Master) {
                assertThat(out).as(r.toString()).contains("198.51.100.100/24");
            } else {
                assertThat(out).as(r.toString()).doesNotContain("198.51.100.100/");
            }
        }
    }

    /** The client's tcpdumps of docs/troubleshooting.md, started before a handover. */
    private List<Spawned> startAnnouncementWatchers(Lab lab) {
        // The client talks to the VIP first: a neighbour entry that the announcements then move.
        lab.host("client").run("curl -sf -m 5 -o /dev/null http://198.51.100.100/").assertSuccess();
        List<Spawned> watchers = new ArrayList<>();
        for (DocCommand c : at(Place.CLIENT)) {
            Spawned s = shell.spawn("client", c);
            Lab.await(Duration.ofSeconds(60), "tcpdump to listen: " + c, () -> s.errors().contains("listening on eth0"));
            watchers.add(s);
        }
        return watchers;
    }

    /** What the client's tcpdumps saw of the new master's announcements (both forms of ARP; NA for IPv6). */
    private void announcementsSeen(Lab lab, List<Spawned> watchers) {
        // The burst: 5 announcements 100 ms apart; the client's ARP entry for the VIP follows the first.
        Lab.await(Duration.ofSeconds(30), "the client's ARP entry for the VIP to name " + master,
                () -> pair.clientNeighbourMac().equals(pair.mac(master)));
        String mac = pair.mac(master);
        List<DocCommand> commands = at(Place.CLIENT);
        for (int i = 0; i < watchers.size(); i++) {
            DocCommand c = commands.get(i);
            Spawned watcher = watchers.get(i);
            List<String> expected = c.text().contains(" arp ")
                    ? List.of("Request who-has 198.51.100.100 tell 198.51.100.100", "Reply 198.51.100.100 is-at " + mac)
                    : List.of("neighbor advertisement", "tgt is 2001:db8::100");
            // tcpdump hands packets over up to a second late (its capture buffer's timeout): wait for its lines
            // (-l prints each at once) before stopping it, or the burst may still sit in the buffer.
            try {
                Lab.await(Duration.ofSeconds(10), c + " to show " + expected,
                        () -> expected.stream().allMatch(watcher.output()::contains));
            } finally {
                assertThat(watcher.isRunning()).as(c + " runs until stopped").isTrue();
                Exec seen = watcher.stop();
                assertThat(seen.stdout()).as(c + ": " + seen).contains(expected);
            }
        }
    }

    // ---- rollback: the daemons stop -----------------------------------------------------------------

    @Test
    @Order(6)
    void rollbackCommandsRunOnceTheDaemonsStop(Lab lab) {
        List<DocCommand> commands = commands(Phase.ROLLBACK, Place.D1);
        assertThat(pair != null && master != null).as("the pair of docs/getting-started.md runs (see the test before)").isTrue();
        // "systemctl stop director" on each director, the backup first: SIGTERM, as systemd stops the unit.
        String backup = master.equals("d1") ? "d2" : "d1";
        pair.stop(backup);
        pair.stop(master);
        assertThat(pair.holdsVip("d1") || pair.holdsVip("d2")).as("no director holds the VIP after both stopped").isFalse();
        for (DocCommand c : commands) {
            DocResult r = shell.run("d1", c);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            if (c.text().equals("ipvsadm -C")) {
                assertThat(lab.host("d1").run("ipvsadm -Sn").assertSuccess().stdout()).as("the IPVS table after " + c).isBlank();
            } else if (c.text().contains("--stop-daemon")) {
                assertThat(lab.host("d1").run("ipvsadm -L --daemon").assertSuccess().stdout()).as("sync daemons after " + c).isBlank();
            }
        }
        pair.close();
        pair = null;
    }

    // ---- substitutes for what cannot run in the lab --------------------------------------------------

    @Test
    @Order(7)
    void whatCannotRunIsCheckedOtherwise(Lab lab) throws Exception {
        assertThat(hostCommand(Duration.ofSeconds(30), "sh", "-n", "bin/test").exitCode).isZero();
        assertThat(Files.readString(root.resolve(".ci/run"))).contains("bin/test\"");
        substitutes.add("ci");

        for (String script : List.of("bench/healthcheck/run.sh", "bench/healthcheck/lab-keepalived.sh", "bench/healthcheck/lab-syscalls.sh",
                "bench/healthcheck/lab-common.sh", "bench/ipvs/run.sh", "bench/failover/run.sh", "bench/failover/soak.sh", "bench/failover/idle.sh")) {
            assertThat(hostCommand(Duration.ofSeconds(30), "sh", "-n", script).exitCode).as("sh -n " + script).isZero();
        }
        substitutes.add("bench");
        assertThat(Files.readString(root.resolve("pom.xml"))).contains("<module>bench/healthcheck</module>");
        substitutes.add("bench-build");

        // The units as packaged, with the launcher the package installs as /usr/bin/director.
        Path units = lab.out().resolve("docs/units");
        Files.createDirectories(units);
        for (String unit : List.of("director.service", "director-realserver.service")) {
            Path copy = units.resolve(unit);
            Files.writeString(copy, Files.readString(root.resolve("packaging/systemd/" + unit))
                    .replace("/usr/bin/director", root.resolve("packaging/debian/director").toString()));
            HostResult verify = hostCommand(Duration.ofSeconds(60), "systemd-analyze", "verify", copy.toString());
            assertThat(verify.exitCode).as("systemd-analyze verify " + unit + ": " + verify.output).isZero();
            assertThat(verify.output).as("systemd-analyze verify " + unit).isBlank();
        }
        assertThat(Files.readString(root.resolve("packaging/systemd/director.service")))
                .contains("ExecStart=/usr/bin/director run -c /etc/director/director.conf").contains("ExecReload=/bin/kill -HUP $MAINPID");
        substitutes.add("systemd");

        assertThat(root.resolve("director/src/test/java/io/director/packaging/DebPackageIT.java")).exists();
        substitutes.add("deb");

        assertThat(Files.readAllLines(root.resolve("packaging/modules-load.d/director.conf"))).contains("ip_vs");
        lab.host("d1").run("test -e /proc/net/ip_vs").assertSuccess();
        substitutes.add("modprobe");
    }

    // ---- the build host: the lab launcher and generators, once this guest is off --------------------

    @Test
    @Order(8)
    void hostCommandsRunOnceTheGuestIsOff(Lab lab) throws Exception {
        stopPair();
        pair = null;
        lab.close();
        Path out = lab.out().resolve("docs/host");
        Files.createDirectories(out);
        for (DocCommand c : at(Place.HOST)) {
            String t = c.text();
            if (t.startsWith("lab/bin/lab run ")) {
                runLabScript(out);
            } else if (t.startsWith("lab/bin/lab shell")) {
                runLabShell();
            } else if (t.startsWith("sh bench/ipvs/gen.sh ")) {
                HostResult gen = hostCommand(Duration.ofSeconds(60), "sh", "bench/ipvs/gen.sh", out.resolve("ipvs").toString(), "3", "2");
                assertThat(gen.exitCode).as(gen.output).isZero();
                List<String> rules = Files.readAllLines(out.resolve("ipvs/rules.txt"));
                assertThat(rules).filteredOn(l -> l.startsWith("-A ")).hasSize(3);
                assertThat(rules).filteredOn(l -> l.startsWith("-a ")).hasSize(6);
                assertThat(Files.readString(out.resolve("ipvs/keepalived.conf"))).contains("virtual_server 198.51.100.100 10002");
            } else {
                throw new AssertionError(c + ": a build-host command this test does not know how to run");
            }
            shell.ranElsewhere(c);
        }
    }

    private boolean labRunDone;
    private boolean labShellDone;

    /** lab/bin/lab run [--real-servers N] [--timeout SECONDS] [--out DIR] SCRIPT [ARGS]: once, every option used. */
    private void runLabScript(Path out) throws Exception {
        if (labRunDone) {
            return;
        }
        Path script = out.resolve("lab-run.sh");
        Files.writeString(script, "echo \"servers=$LAB_REAL_SERVERS args=$*\"\nip netns exec rs1 curl -s http://198.51.100.11/\nexit 3\n");
        HostResult run = hostCommand(Duration.ofMinutes(10), "lab/bin/lab", "run", "--real-servers", "1", "--timeout", "300",
                "--out", out.resolve("lab-run").toString(), script.toString(), "a", "b c");
        assertThat(run.exitCode).as("lab run exits with the script's status: " + run.output).isEqualTo(3);
        assertThat(run.output).contains("servers=rs1 args=a b c").contains("rs1\n");
        assertThat(out.resolve("lab-run/console.log")).exists();
        labRunDone = true;
    }

    /** lab/bin/lab shell [--real-servers N]: typed into once the prompt shows, as a person would. */
    private void runLabShell() throws Exception {
        if (labShellDone) {
            return;
        }
        ProcessBuilder builder = new ProcessBuilder("lab/bin/lab", "shell", "--real-servers", "1").directory(root.toFile())
                .redirectErrorStream(true);
        builder.environment().put("LAB_NO_INSTALL", "1");
        Process shellProcess = builder.start();
        StringBuffer console = new StringBuffer();
        Thread reader = new Thread(() -> copy(shellProcess.getInputStream(), console), "lab-shell-reader");
        reader.start();
        try {
            Lab.await(Duration.ofMinutes(5), "the lab shell's prompt", () -> console.indexOf("lab# ") >= 0);
            OutputStream typed = shellProcess.getOutputStream();
            typed.write("echo \"shell servers=$LAB_REAL_SERVERS\"; ip netns exec rs1 curl -s http://198.51.100.11/health\nexit\n"
                    .getBytes(UTF_8));
            typed.flush();
            assertThat(shellProcess.waitFor(5, TimeUnit.MINUTES)).as("exit powers the guest off: " + console).isTrue();
            reader.join(10_000);
        } finally {
            shellProcess.destroyForcibly();
        }
        assertThat(shellProcess.exitValue()).as(console.toString()).isZero();
        assertThat(console.toString()).contains("shell servers=rs1").contains("ok");
        labShellDone = true;
    }

    // ---- every documented command ran, or cannot and is checked otherwise ---------------------------

    @Test
    @Order(9)
    void everyDocumentedCommandRanOrHasAReasonAndASubstitute() {
        assertThat(Coverage.unaccounted(docs.commands(), shell::ran, substitutes)).as("documented commands that no test ran").isEmpty();
    }

    // ---- helpers -------------------------------------------------------------------------------------

    /** Every command placed at {@code place}, in document order. */
    private List<DocCommand> at(Place place) {
        return docs.commands().stream().filter(c -> CommandPlaces.placeOf(c) == place).toList();
    }

    /** The sh blocks holding a command placed at {@code place}. */
    private List<List<DocCommand>> blocksWith(Place place) {
        return docs.commandsByBlock().stream().filter(b -> b.stream().anyMatch(c -> CommandPlaces.placeOf(c) == place)).toList();
    }

    private List<List<DocCommand>> blocks(Phase phase) {
        return docs.commandsByBlock().stream().filter(b -> Phase.of(b) == phase).toList();
    }

    private List<DocCommand> commands(Phase phase, Place place) {
        return blocks(phase).stream().flatMap(List::stream).filter(c -> CommandPlaces.placeOf(c) == place).toList();
    }

    /** d1's configuration in docs/getting-started.md. */
    private FencedBlock directorConf() {
        return docs.blocks().stream().filter(b -> b.file().equals(GETTING_STARTED) && b.label().equals("hocon")
                && b.text().contains("node-id = d1")).findFirst().orElseThrow(() -> new AssertionError(
                        GETTING_STARTED + " no longer shows d1's configuration in a hocon block"));
    }

    /** "Exit 0 prints `FILE: OK (...)`" in docs/getting-started.md. */
    private String documentedCheckResult() throws IOException {
        Matcher m = Pattern.compile("`FILE: (OK \\([^`]*\\))`").matcher(Files.readString(root.resolve(GETTING_STARTED)));
        assertThat(m.find()).as(GETTING_STARTED + " shows what director check prints").isTrue();
        return m.group(1);
    }

    private Path machine(DocCommand c) {
        return shell.etc(c.file(), "director").getParent().getParent();
    }

    private static List<String> vipsOf(DocCommand c) {
        List<String> vips = new ArrayList<>();
        Matcher m = Pattern.compile("--vip\\s+(\\S+)").matcher(c.text());
        while (m.find()) {
            vips.add(m.group(1));
        }
        return vips;
    }

    private static String replaceOnce(String text, String from, String to) {
        assertThat(text).as("the documented configuration has " + from).contains(from);
        return text.replace(from, to);
    }

    record HostResult(int exitCode, String output) {}

    /** A command on the build host, in the checkout, output and errors together. */
    private HostResult hostCommand(Duration timeout, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        builder.environment().put("LAB_NO_INSTALL", "1");
        Process p = builder.start();
        p.getOutputStream().close();
        StringBuffer output = new StringBuffer();
        Thread reader = new Thread(() -> copy(p.getInputStream(), output), "host-command-reader");
        reader.start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end within " + timeout + ":\n" + output);
        }
        reader.join(10_000);
        return new HostResult(p.exitValue(), output.toString());
    }

    private static void copy(InputStream in, StringBuffer into) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                into.append(new String(buffer, 0, n, UTF_8));
            }
        } catch (IOException e) {
            into.append("\n[read failed: ").append(e.getMessage()).append("]");
        }
    }
}
