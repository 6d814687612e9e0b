package io.director.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code director apply -c FILE --once} against the real kernel in d1: it makes DR, NAT and TUN services
 * that carry the client's traffic, does nothing the second time, and restores a table flushed with
 * {@code ipvsadm -C}. Checked with ipvsadm, ip addr and curl from the client.
 */
@LabTest(realServers = 3)
class ApplyLabTest {
    private static final Map<String, Long> EVEN = Map.of("rs1", 10L, "rs2", 10L, "rs3", 10L);

    @AfterEach
    void removeWhatTestsMade(Lab lab) {
        lab.host("d1").run("ipvsadm -C; ip addr del " + Lab.VIP + "/24 dev eth0; ip -6 addr del " + Lab.VIP6
                + "/64 dev eth0; true").assertSuccess();
        for (String rs : lab.realServers()) {
            lab.host(rs).run("ip route del 198.51.100.1/32 2>/dev/null; ip link set tunl0 down; true").assertSuccess();
        }
    }

    private static String service(Lab lab, int port, String forwarding) {
        StringBuilder rs = new StringBuilder();
        for (String r : lab.realServers()) {
            rs.append("{ address = ").append(lab.host(r).ipv4()).append(", port = 80 }, ");
        }
        return "    { vip = " + Lab.VIP + ", port = " + port + ", scheduler = rr, forwarding = " + forwarding
                + ", real-servers = [" + rs + "] }\n";
    }

    private static Exec apply(Lab lab, String services) {
        Directors directors = new Directors(lab);
        String file = directors.write("d1", directors.config(Directors.Member.of("d1", 100), List.of("d1"), services)).toString();
        return lab.host("d1").run(java.time.Duration.ofMinutes(3), lab.root().resolve("bin/director") + " apply --once -c " + file);
    }

    @Test
    void aDrServiceCarriesTrafficApplyingTwiceDoesNothingAndAFlushIsRestored(Lab lab) {
        String services = service(lab, 80, "dr") + service(lab, 8080, "dr");

        Exec first = apply(lab, services).assertSuccess();
        assertThat(first.stdout()).contains("applied: add vip " + Lab.VIP + "/24 on eth0 (announced)",
                "applied: add service tcp " + Lab.VIP + ":80", "applied: add service tcp " + Lab.VIP + ":8080",
                "ipvs: 8 of 8 operations applied");
        assertThat(lab.host("d1").run("ip addr show dev eth0").assertSuccess().stdout()).contains("inet " + Lab.VIP + "/24 ");
        String table = lab.host("d1").run("ipvsadm -Sn").assertSuccess().stdout();
        for (String rs : lab.realServers()) {
            assertThat(table).contains("-a -t " + Lab.VIP + ":80 -r " + lab.host(rs).ipv4() + ":80 -g -w 1");
        }
        assertThat(lab.thirtyRequests("http://" + Lab.VIP + "/")).isEqualTo(EVEN);

        Exec second = apply(lab, services).assertSuccess();
        assertThat(second.stdout()).doesNotContain("applied:")
                .contains("ipvs: nothing to do (2 services, 6 real servers already as configured)");

        lab.host("d1").run("ipvsadm -C").assertSuccess();
        Exec restored = apply(lab, services).assertSuccess();
        assertThat(restored.stdout()).contains("ipvs: 8 of 8 operations applied").doesNotContain("add vip");
        assertThat(lab.host("d1").run("ipvsadm -Sn").assertSuccess().stdout()).isEqualTo(table);
        assertThat(lab.thirtyRequests("http://" + Lab.VIP + "/")).isEqualTo(EVEN);
    }

    @Test
    void aNatServiceCarriesTraffic(Lab lab) {
        for (String rs : lab.realServers()) {
            // NAT on one LAN: replies to the client go back through the director.
            lab.host(rs).run("ip route add 198.51.100.1/32 via " + lab.host("d1").ipv4()).assertSuccess();
        }
        apply(lab, service(lab, 8080, "nat")).assertSuccess();

        String table = lab.host("d1").run("ipvsadm -Sn").assertSuccess().stdout();
        assertThat(table).contains("-a -t " + Lab.VIP + ":8080 -r " + lab.host("rs1").ipv4() + ":80 -m -w 1");
        assertThat(lab.thirtyRequests("http://" + Lab.VIP + ":8080/")).isEqualTo(EVEN);
    }

    @Test
    void aTunnelServiceCarriesTraffic(Lab lab) {
        for (String rs : lab.realServers()) {
            lab.host(rs).run("ip link set tunl0 up").assertSuccess();
        }
        apply(lab, service(lab, 80, "tun")).assertSuccess();

        String table = lab.host("d1").run("ipvsadm -Sn").assertSuccess().stdout();
        assertThat(table).contains("-a -t " + Lab.VIP + ":80 -r " + lab.host("rs1").ipv4() + ":80 -i -w 1");
        assertThat(lab.thirtyRequests("http://" + Lab.VIP + "/")).isEqualTo(EVEN);
    }
}
