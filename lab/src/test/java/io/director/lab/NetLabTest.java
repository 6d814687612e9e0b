package io.director.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Director's address and announcement layer and {@code director realserver} against the guest's
 * kernel, each result read back with independent tools ({@code ip addr}, {@code ip neigh},
 * {@code tcpdump}, {@code sysctl}, {@code curl}, {@code ipvsadm}). The layer is driven through the hidden
 * {@code director net} command, so no daemon is involved. One guest for the class; each test
 * removes what it made and puts rs1 back the way the lab built it.
 */
@LabTest(realServers = 1)
class NetLabTest {
    private static final String VIP = Lab.VIP;
    private static final String VIP6 = Lab.VIP6;
    private static final String ELSEWHERE = "02:00:00:00:00:99";
    /** A JVM start with jnr-ffi in the single-CPU guest takes seconds; on a busy host, many. */
    private static final Duration JVM = Duration.ofSeconds(180);

    @AfterEach
    void removeWhatTestsMade(Lab lab) {
        for (String d : List.of("d1", "d2")) {
            lab.host(d).run("ipvsadm -C; for p in 24 32; do ip addr del " + VIP + "/$p dev eth0; done 2>/dev/null;"
                    + " for p in 64 128; do ip -6 addr del " + VIP6 + "/$p dev eth0; done 2>/dev/null; true").assertSuccess();
        }
        lab.host("client").run("ip neigh del " + VIP + " dev eth0; ip -6 neigh del " + VIP6 + " dev eth0; true")
                .assertSuccess();
        lab.host("rs1").run("ip addr replace " + VIP + "/32 dev lo && ip -6 addr replace " + VIP6 + "/128 dev lo nodad"
                + " && for d in all lo eth0; do sysctl -qw net.ipv4.conf.$d.arp_ignore=1 net.ipv4.conf.$d.arp_announce=2; done"
                + " && sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.tunl0.rp_filter=0 && ip link set tunl0 down")
                .assertSuccess();
    }

    @Test
    void addsAndRemovesVipsAsIpSeesThem(Lab lab) {
        Host d1 = lab.host("d1");

        Exec add = director(d1, "net vip-add --dev eth0 " + VIP + "/24 " + VIP6 + "/64").assertSuccess();
        assertThat(add.stdout()).contains("added " + VIP + "/24 on eth0", "added " + VIP6 + "/64 on eth0");
        String shown = d1.run("ip addr show dev eth0").assertSuccess().stdout();
        assertThat(shown).contains("inet " + VIP + "/24 ").containsPattern("inet6 " + VIP6 + "/64 scope global [^\\n]*nodad");
        assertThat(d1.run("ip -6 addr show dev eth0 tentative").assertSuccess().stdout()).doesNotContain(VIP6);

        Exec again = director(d1, "net vip-add --dev eth0 " + VIP + "/24 " + VIP6 + "/64").assertSuccess();
        assertThat(again.stdout()).contains("already present: " + VIP + "/24", "already present: " + VIP6 + "/64");
        assertThat(director(d1, "net vip-list --dev eth0").assertSuccess().stdout().lines())
                .contains(d1.ipv4() + "/24", VIP + "/24", VIP6 + "/64", d1.ipv6() + "/64");

        Exec del = director(d1, "net vip-del --dev eth0 " + VIP + "/24 " + VIP6 + "/64 " + VIP + "/24").assertSuccess();
        assertThat(del.stdout()).contains("removed " + VIP + "/24", "removed " + VIP6 + "/64", "not present: " + VIP + "/24");
        assertThat(d1.run("ip addr show dev eth0").assertSuccess().stdout()).doesNotContain(VIP + "/", VIP6 + "/")
                .contains("inet " + d1.ipv4() + "/24");
    }

    @Test
    void kernelErrorsAreOneClearLine(Lab lab) {
        Exec e = director(lab.host("d1"), "net vip-add --dev nosuch0 " + VIP + "/32");

        assertThat(e.exitCode()).isEqualTo(1);
        assertThat(e.stderr().strip()).isEqualTo("director net: look up interface nosuch0: ENODEV (No such device)");

        // Without privileges: the kernel's EPERM and the capability that is missing, no stack trace.
        Exec announce = lab.host("d1").run(JVM, lab.directorAsNobody() + "net announce --dev eth0 --vip " + VIP);
        assertThat(announce.exitCode()).isEqualTo(1);
        assertThat(announce.stderr().strip()).isEqualTo("director net: open packet socket for announcements:"
                + " EPERM (Operation not permitted); this needs root or CAP_NET_ADMIN (addresses) and CAP_NET_RAW (announcements)");
        Exec up = lab.host("d1").run(JVM, lab.directorAsNobody() + "realserver up --vip " + VIP);
        assertThat(up.exitCode()).isEqualTo(1);
        assertThat(up.stderr()).contains("failed: add " + VIP + "/32 on lo: EPERM (Operation not permitted); this needs root",
                "failed: set net.ipv4.conf.all.arp_ignore = 1: permission denied (needs root)").doesNotContain("Exception");
        assertThat(lab.host("d1").run("ip addr show dev lo").assertSuccess().stdout()).doesNotContain(VIP);
    }

    @Test
    void gratuitousArpInBothFormsMovesTheClientsEntryToTheAnnouncer(Lab lab) {
        Host client = lab.host("client");
        String mac1 = mac(lab.host("d1"));
        String mac2 = mac(lab.host("d2"));
        // A host heeds a gratuitous ARP only for an entry it already has; make one that points elsewhere.
        client.run("ip neigh replace " + VIP + " lladdr " + ELSEWHERE + " dev eth0 nud stale").assertSuccess();
        Spawned dump = tcpdump(client, "arp");

        director(lab.host("d2"), "net announce --dev eth0 --vip " + VIP).assertSuccess();
        Lab.await(Duration.ofSeconds(10), "client's entry for the VIP to take d2's MAC " + mac2,
                () -> neighbour(client, VIP).contains("lladdr " + mac2));
        director(lab.host("d1"), "net announce --dev eth0 --vip " + VIP).assertSuccess();
        Lab.await(Duration.ofSeconds(10), "client's entry for the VIP to take d1's MAC " + mac1,
                () -> neighbour(client, VIP).contains("lladdr " + mac1));

        String request = mac1 + " > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Request who-has " + VIP
                + " tell " + VIP + ", length 28";
        String reply = mac1 + " > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Reply " + VIP + " is-at " + mac1
                + ", length 28";
        Lab.await(Duration.ofSeconds(10), "tcpdump in client to show d1's request and reply forms",
                () -> dump.output().contains(request) && dump.output().contains(reply));
        String seen = dump.output();
        dump.stop();
        assertThat(seen).contains(mac2 + " > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Request who-has " + VIP);
    }

    @Test
    void unsolicitedNeighbourAdvertisementMovesTheClientsIpv6Entry(Lab lab) {
        Host client = lab.host("client");
        String mac1 = mac(lab.host("d1"));
        String mac2 = mac(lab.host("d2"));
        client.run("ip -6 neigh replace " + VIP6 + " lladdr " + ELSEWHERE + " dev eth0 nud stale").assertSuccess();
        Spawned dump = tcpdump(client, "-vv 'icmp6 and ip6[40] == 136'");

        director(lab.host("d2"), "net announce --dev eth0 --vip " + VIP6).assertSuccess();
        Lab.await(Duration.ofSeconds(10), "client's IPv6 entry for the VIP to take d2's MAC " + mac2,
                () -> neighbour(client, VIP6).contains("lladdr " + mac2));
        director(lab.host("d1"), "net announce --dev eth0 --vip " + VIP6).assertSuccess();
        Lab.await(Duration.ofSeconds(10), "client's IPv6 entry for the VIP to take d1's MAC " + mac1,
                () -> neighbour(client, VIP6).contains("lladdr " + mac1));

        String header = mac1 + " > 33:33:00:00:00:01, ethertype IPv6 (0x86dd), length 86: (hlim 255, next-header ICMPv6 (58)"
                + " payload length: 32) " + VIP6 + " > ff02::1: [icmp6 sum ok] ICMP6, neighbor advertisement, length 32, tgt is "
                + VIP6 + ", Flags [override]";
        String option = "destination link-address option (2), length 8 (1): " + mac1;
        Lab.await(Duration.ofSeconds(10), "tcpdump in client to show d1's advertisement",
                () -> dump.output().contains(header) && dump.output().contains(option));
        dump.stop();
    }

    @Test
    void aRealServerPreparedOnlyByDirectorServesDirectRouting(Lab lab) {
        Host rs = lab.host("rs1");
        Host d1 = lab.host("d1");
        Host client = lab.host("client");
        String vips = "--vip " + VIP + " --vip " + VIP6;
        // Undo what the lab did for rs1: no VIPs on lo, kernel defaults for the ARP sysctls.
        rs.run("ip addr del " + VIP + "/32 dev lo && ip -6 addr del " + VIP6 + "/128 dev lo"
                + " && for d in all lo eth0; do sysctl -qw net.ipv4.conf.$d.arp_ignore=0 net.ipv4.conf.$d.arp_announce=0; done")
                .assertSuccess();

        Exec before = director(rs, "realserver check " + vips);
        assertThat(before.exitCode()).isEqualTo(1);
        assertThat(before.stdout()).contains(
                "missing: VIP " + VIP + "/32 is not on lo", "missing: VIP " + VIP6 + "/128 is not on lo",
                "missing: net.ipv4.conf.all.arp_ignore is 0, needs 1", "missing: net.ipv4.conf.lo.arp_ignore is 0, needs 1",
                "missing: net.ipv4.conf.all.arp_announce is 0, needs 2", "missing: net.ipv4.conf.lo.arp_announce is 0, needs 2");

        // A DR service in d1 made with ipvsadm; rs1 is its only real server.
        d1.run("set -e; ip addr add " + VIP + "/32 dev eth0; ip -6 addr add " + VIP6 + "/128 dev eth0 nodad;"
                + " ipvsadm -A -t " + VIP + ":80 -s rr; ipvsadm -a -t " + VIP + ":80 -r " + rs.ipv4() + ":80 -g;"
                + " ipvsadm -A -t [" + VIP6 + "]:80 -s rr; ipvsadm -a -t [" + VIP6 + "]:80 -r [" + rs.ipv6() + "]:80 -g")
                .assertSuccess();
        assertThat(client.run("curl -s -m 3 http://" + VIP + "/").succeeded())
                .as("DR must not work before rs1 has the VIP").isFalse();

        Exec up = director(rs, "realserver up " + vips).assertSuccess();
        assertThat(up.stdout()).contains("added " + VIP + "/32 on lo", "added " + VIP6 + "/128 on lo",
                "set net.ipv4.conf.all.arp_ignore = 1 (was 0)", "set net.ipv4.conf.lo.arp_announce = 2 (was 0)");
        assertThat(rs.run("ip addr show dev lo").assertSuccess().stdout())
                .contains("inet " + VIP + "/32 ", "inet6 " + VIP6 + "/128 ");
        assertThat(rs.run("sysctl -n net.ipv4.conf.all.arp_ignore net.ipv4.conf.lo.arp_ignore"
                + " net.ipv4.conf.all.arp_announce net.ipv4.conf.lo.arp_announce").assertSuccess().stdout())
                .isEqualTo("1\n1\n2\n2\n");
        assertThat(director(rs, "realserver up " + vips).assertSuccess().stdout()).isEqualTo("nothing to do\n");
        Exec after = director(rs, "realserver check " + vips).assertSuccess();
        assertThat(after.stdout()).startsWith("ok: ready to serve " + VIP + ", " + VIP6);

        // The client resolves the VIP afresh: only d1 may answer (rs1 has it on lo, but arp_ignore=1).
        client.run("ip neigh del " + VIP + " dev eth0; ip -6 neigh del " + VIP6 + " dev eth0; true").assertSuccess();
        assertThat(client.run("curl -sf -m 5 http://" + VIP + "/").assertSuccess().stdout().strip()).isEqualTo("rs1");
        assertThat(client.run("curl -sf -m 5 -g http://[" + VIP6 + "]/").assertSuccess().stdout().strip()).isEqualTo("rs1");
        assertThat(neighbour(client, VIP)).contains("lladdr " + mac(d1));
        assertThat(d1.run("ipvsadm -Ln --stats -t " + VIP + ":80").assertSuccess().stdout())
                .containsPattern(rs.ipv4() + ":80\\s+[1-9]");

        Exec down = director(rs, "realserver down " + vips).assertSuccess();
        assertThat(down.stdout()).contains("removed " + VIP + "/32 from lo", "removed " + VIP6 + "/128 from lo");
        assertThat(rs.run("ip addr show dev lo").assertSuccess().stdout()).doesNotContain(VIP + "/", VIP6 + "/");
    }

    @Test
    void rpFilterDropsTunnelTrafficUntilUpTurnsItOff(Lab lab) {
        Host rs = lab.host("rs1");
        Host client = lab.host("client");
        // rs1 keeps the lab's VIP on lo and ARP sysctls; only reverse-path filtering is turned on (strict).
        rs.run("ip link set tunl0 up && sysctl -qw net.ipv4.conf.all.rp_filter=1 net.ipv4.conf.tunl0.rp_filter=1")
                .assertSuccess();
        lab.host("d1").run("set -e; ip addr add " + VIP + "/32 dev eth0; ipvsadm -A -t " + VIP + ":80 -s rr;"
                + " ipvsadm -a -t " + VIP + ":80 -r " + rs.ipv4() + ":80 -i").assertSuccess();
        assertThat(client.run("curl -s -m 3 http://" + VIP + "/").succeeded())
                .as("rp_filter on rs1 must drop the decapsulated packets").isFalse();

        Exec before = director(rs, "realserver check --vip " + VIP);
        assertThat(before.exitCode()).isEqualTo(1);
        assertThat(before.stdout().lines()).containsExactly(
                "missing: net.ipv4.conf.tunl0.rp_filter is 1, needs 0 (reverse-path filtering drops TUN packets arriving on tunl0)",
                "missing: net.ipv4.conf.all.rp_filter is 1, needs 0 (reverse-path filtering drops TUN packets arriving on tunl0;"
                        + " the kernel uses max(all, tunl0))");
        assertThat(director(rs, "realserver up --vip " + VIP).assertSuccess().stdout().lines()).containsExactly(
                "set net.ipv4.conf.tunl0.rp_filter = 0 (was 1)", "set net.ipv4.conf.all.rp_filter = 0 (was 1)");
        assertThat(rs.run("sysctl -n net.ipv4.conf.all.rp_filter net.ipv4.conf.tunl0.rp_filter").assertSuccess().stdout())
                .isEqualTo("0\n0\n");

        assertThat(client.run("curl -sf -m 5 http://" + VIP + "/").assertSuccess().stdout().strip()).isEqualTo("rs1");
    }

    private static Exec director(Host host, String arguments) {
        return host.run(JVM, "\"$LAB_ROOT/bin/director\" " + arguments);
    }

    /** The host's eth0 MAC as {@code ip link} shows it. */
    private static String mac(Host host) {
        String out = host.run("ip -o link show dev eth0").assertSuccess().stdout();
        int i = out.indexOf("link/ether ");
        assertThat(i).as("a MAC in: " + out).isPositive();
        return out.substring(i + 11, i + 28);
    }

    private static String neighbour(Host host, String address) {
        return host.run((address.contains(":") ? "ip -6" : "ip") + " neigh show " + address + " dev eth0").stdout();
    }

    /** tcpdump on client's eth0, line-buffered; returns once it listens. */
    private static Spawned tcpdump(Host host, String filter) {
        Spawned dump = host.spawn("exec tcpdump -l -e -n -i eth0 " + filter);
        Lab.await(Duration.ofSeconds(30), "tcpdump to listen in " + host.name(), () -> {
            assertThat(dump.isRunning()).as("tcpdump: " + dump.errors()).isTrue();
            return dump.errors().contains("listening on eth0");
        });
        return dump;
    }
}
