package io.director.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Director's IPVS client against the real kernel in the lab's d1, checked with ipvsadm. The client is
 * driven through the hidden {@code director ipvs-restore} (ipvsadm-restore rules in, netlink out), so
 * the same rules can be given to ipvsadm itself and the two kernel tables compared with ipvsadm -Sn.
 */
@LabTest(realServers = 2)
class IpvsLabTest {

    /** Every feature: tcp/udp/sctp/fwmark, IPv4+IPv6, each scheduler and its flags, persistence with
     *  netmask, one-packet, DR/NAT/TUN (GUE with port and checksum flag), thresholds, edits, deletes. */
    static final String RULES = """
            -A -t 198.51.100.100:80 -s wrr
            -a -t 198.51.100.100:80 -r 198.51.100.11:80 -g -w 1
            -a -t 198.51.100.100:80 -r 198.51.100.12:80 -g -w 2 -x 100 -y 10
            -a -t 198.51.100.100:80 -r 198.51.100.13:80 -i -w 1 --tun-type gue --tun-port 6080 --tun-csum
            -a -t 198.51.100.100:80 -r 198.51.100.14:80 -i -w 1 --tun-type gre
            -A -u 198.51.100.100:53 -s rr
            -a -u 198.51.100.100:53 -r 198.51.100.11:53 -m -w 1
            -A --sctp-service 198.51.100.100:9 -s lc
            -a --sctp-service 198.51.100.100:9 -r 198.51.100.12:9 -i -w 1
            -A -t 198.51.100.100:81 -s wlc -p 300 -M 255.255.255.0
            -A -t 198.51.100.100:82 -s sh -b sh-fallback,sh-port
            -A -t 198.51.100.100:83 -s mh -b mh-fallback,mh-port
            -A -u 198.51.100.100:84 -s sed -o
            -A -t 198.51.100.100:85 -s nq
            -A -t 198.51.100.100:86 -s dh
            -A -t 198.51.100.100:87 -s lblc
            -A -t 198.51.100.100:88 -s lblcr
            -A -t 198.51.100.100:89 -s fo
            -A -t 198.51.100.100:90 -s ovf
            -A -f 5 -s rr
            -a -f 5 -r 198.51.100.11:0 -g -w 1
            -A -f 6 -6 -s rr -p 60 -M 64
            -a -f 6 -6 -r [2001:db8::12]:0 -g -w 4
            -A -t [2001:db8::100]:80 -s wrr
            -a -t [2001:db8::100]:80 -r [2001:db8::11]:80 -g -w 3
            -a -t [2001:db8::100]:80 -r [2001:db8::12]:8080 -m -w 1 -x 5 -y 1
            -e -t 198.51.100.100:80 -r 198.51.100.11:80 -g -w 5
            -E -t 198.51.100.100:85 -s wlc -p 120
            -E -t 198.51.100.100:81 -s rr -p 300 -M 255.255.0.0
            -A -t 198.51.100.100:91 -s rr
            -a -t 198.51.100.100:91 -r 198.51.100.11:91 -g -w 1
            -D -t 198.51.100.100:91
            -a -t 198.51.100.100:80 -r 198.51.100.15:80 -g -w 1
            -d -t 198.51.100.100:80 -r 198.51.100.15:80
            """;

    @AfterEach
    void clean(Lab lab) {
        lab.host("d1").run("ipvsadm -C; ipvsadm --stop-daemon master; ipvsadm --stop-daemon backup; true");
    }

    private static Path write(Lab lab, String name, String text) throws IOException {
        Path p = lab.out().resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private static String director(Lab lab) {
        return lab.root().resolve("bin/director").toString();
    }

    @Test
    void directorBuildsTheSameTableAsIpvsadmAndListsItLikeIpvsadm(Lab lab) throws IOException {
        Host d1 = lab.host("d1");
        Path rules = write(lab, "ipvs-rules.txt", RULES);
        String byIpvsadm = d1.run("ipvsadm -C && ipvsadm-restore < " + rules + " && ipvsadm -Sn").assertSuccess().stdout();
        String listByIpvsadm = d1.run("ipvsadm -Ln").assertSuccess().stdout();
        assertThat(byIpvsadm).contains("-s mh -b mh-fallback,mh-port").contains("--tun-type gue");

        d1.run("ipvsadm -C").assertSuccess();
        Exec restore = d1.run(Duration.ofMinutes(3), director(lab) + " ipvs-restore --timing -f " + rules);
        restore.assertSuccess();
        String byDirector = d1.run("ipvsadm -Sn").assertSuccess().stdout();
        assertThat(byDirector).isEqualTo(byIpvsadm);

        Exec list = d1.run(Duration.ofMinutes(3), director(lab) + " list");
        list.assertSuccess();
        assertThat(stripTrailingSpaces(list.stdout())).isEqualTo(stripTrailingSpaces(listByIpvsadm));

        Exec json = d1.run(Duration.ofMinutes(3), director(lab) + " list --json --stats");
        json.assertSuccess();
        assertThat(json.stdout()).contains("\"address\":\"2001:db8::100\"").contains("\"fwmark\":5")
                .contains("\"tunnelType\":\"gue\",\"tunnelPort\":6080,\"tunnelFlags\":1");
    }

    @Test
    void refusedOpsAreNamedWithTheKernelsReasonAndTheRestStillApply(Lab lab) throws IOException {
        Host d1 = lab.host("d1");
        d1.run("ipvsadm -C && ipvsadm -A -t 198.51.100.100:80 -s rr && ipvsadm -a -t 198.51.100.100:80 -r 198.51.100.11:80 -g")
                .assertSuccess();
        Path bad = write(lab, "ipvs-bad.txt", """
                -a -t 198.51.100.100:80 -r 198.51.100.11:80 -g -w 1
                -a -t 198.51.100.100:80 -r [2001:db8::99]:80 -g -w 1
                -e -t 198.51.100.100:80 -r 198.51.100.99:80 -w 1
                -D -t 198.51.100.100:99
                -A -t 198.51.100.100:80 -s rr
                -a -t 198.51.100.100:80 -r 198.51.100.12:80 -g -w 7
                """);
        Exec r = d1.run(Duration.ofMinutes(3), director(lab) + " ipvs-restore -f " + bad);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("add dest tcp 198.51.100.100:80 -> 198.51.100.11:80: EEXIST (destination already exists)")
                .contains("add dest tcp 198.51.100.100:80 -> [2001:db8::99]:80: EINVAL")
                .contains("address family")
                .contains("edit dest tcp 198.51.100.100:80 -> 198.51.100.99:80: ENOENT (no such destination)")
                .contains("delete service tcp 198.51.100.100:99: ESRCH (no such service)")
                .contains("add service tcp 198.51.100.100:80: EEXIST (service already exists)")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(d1.run("ipvsadm -Ln -t 198.51.100.100:80").stdout()).containsPattern("198\\.51\\.100\\.12:80\\s+Route\\s+7");
    }

    @Test
    void withoutCapNetAdminListSaysWhatIsNeeded(Lab lab) {
        Exec r = lab.host("d1").run(Duration.ofMinutes(3),
                lab.directorAsNobody() + "list");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("EPERM").contains("CAP_NET_ADMIN").doesNotContain("\tat ");
    }

    @Test
    void timeoutsBothSyncDaemonsAndFlush(Lab lab) throws IOException {
        Host d1 = lab.host("d1");
        Path rules = write(lab, "ipvs-daemons.txt", """
                -A -t 198.51.100.100:80 -s rr
                --set 901 121 301
                --start-daemon master --mcast-interface eth0 --syncid 7
                --start-daemon backup --mcast-interface eth0 --syncid 7 --mcast-port 8850
                """);
        d1.run(Duration.ofMinutes(3), director(lab) + " ipvs-restore -f " + rules).assertSuccess();
        assertThat(d1.run("ipvsadm -L --timeout").stdout()).contains("901 121 301");
        String daemons = d1.run("ipvsadm -L --daemon").stdout();
        assertThat(daemons).contains("master sync daemon (mcast=eth0, syncid=7")
                .contains("backup sync daemon (mcast=eth0, syncid=7").contains("port=8850");
        Path stop = write(lab, "ipvs-stop.txt", "--stop-daemon backup\n-C\n");
        d1.run(Duration.ofMinutes(3), director(lab) + " ipvs-restore -f " + stop).assertSuccess();
        String after = d1.run("ipvsadm -L --daemon").stdout();
        assertThat(after).contains("master sync daemon").doesNotContain("backup sync daemon");
        assertThat(d1.run("ipvsadm -Sn").stdout()).isEmpty();
    }

    @Test
    void clientTrafficFlowsThroughADrServiceDirectorMade(Lab lab) throws IOException {
        Host d1 = lab.host("d1");
        d1.run("ip addr add " + lab.vip() + "/24 dev eth0 2>/dev/null; true").assertSuccess();
        try {
            Path rules = write(lab, "ipvs-dr.txt", "-A -t " + lab.vip() + ":80 -s rr\n"
                    + "-a -t " + lab.vip() + ":80 -r 198.51.100.11:80 -g -w 1\n"
                    + "-a -t " + lab.vip() + ":80 -r 198.51.100.12:80 -g -w 1\n");
            d1.run(Duration.ofMinutes(3), director(lab) + " ipvs-restore -f " + rules).assertSuccess();
            Host client = lab.host("client");
            client.run("ip neigh flush all").assertSuccess();
            java.util.Set<String> answers = new java.util.HashSet<>();
            Lab.await(Duration.ofSeconds(30), "both real servers to answer through the VIP", () -> {
                Exec e = client.run("curl -s --max-time 2 http://" + lab.vip() + "/");
                if (e.succeeded()) {
                    answers.add(e.stdout().strip());
                }
                return answers.size() == 2;
            });
            assertThat(answers).containsExactlyInAnyOrder("rs1", "rs2");
        } finally {
            d1.run("ip addr del " + lab.vip() + "/24 dev eth0; true");
        }
    }

    private static String stripTrailingSpaces(String s) {
        return s.replaceAll("(?m)[ \\t]+$", "");
    }
}
