package io.director.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.director.ipvs.DestKey;
import io.director.ipvs.DestSpec;
import io.director.ipvs.Forwarding;
import io.director.ipvs.Info;
import io.director.ipvs.IpvsTable;
import io.director.ipvs.ObservedDest;
import io.director.ipvs.ObservedService;
import io.director.ipvs.Protocol;
import io.director.ipvs.ServiceFlag;
import io.director.ipvs.ServiceKey;
import io.director.ipvs.ServiceSpec;
import io.director.ipvs.Stats;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpvsListingTest {
    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    static ObservedDest dest(String a, int port, Forwarding f, int w, int active, int inactive) throws Exception {
        return new ObservedDest(DestSpec.of(DestKey.of(ip(a), port), f, w), active, inactive, 0,
                new Stats(123456, 2, 3, 4, 5, 0, 0, 0, 0, 0));
    }

    IpvsTable table() throws Exception {
        ServiceKey fw = ServiceKey.fwmark(5, ServiceKey.AF_INET);
        ServiceKey udp = ServiceKey.of(Protocol.UDP, ip("198.51.100.100"), 53);
        ServiceKey web = ServiceKey.of(Protocol.TCP, ip("198.51.100.100"), 80);
        ServiceKey web6 = ServiceKey.of(Protocol.TCP, ip("2001:db8::100"), 80);
        return new IpvsTable(List.of(
                new IpvsTable.Entry(new ObservedService(ServiceSpec.of(fw, "rr"), Stats.ZERO), List.of()),
                new IpvsTable.Entry(new ObservedService(ServiceSpec.of(udp, "sh").withFlags(ServiceFlag.SH_PORT,
                        ServiceFlag.ONE_PACKET), Stats.ZERO), List.of()),
                new IpvsTable.Entry(new ObservedService(ServiceSpec.of(web6, "wrr"), Stats.ZERO),
                        List.of(dest("2001:db8::11", 80, Forwarding.NAT, 1, 0, 0))),
                new IpvsTable.Entry(new ObservedService(ServiceSpec.of(web, "wlc").persistent(300, 24), Stats.ZERO),
                        List.of(dest("198.51.100.12", 80, Forwarding.DR, 2, 7, 8),
                                dest("198.51.100.11", 80, Forwarding.TUN, 1, 0, 0)))));
    }

    @Test
    void textIsIpvsadmsListingInIpvsadmsOrder() throws Exception {
        assertThat(IpvsListing.text(new Info(0x010201, 4096), table(), false)).isEqualTo("""
                IP Virtual Server version 1.2.1 (size=4096)
                Prot LocalAddress:Port Scheduler Flags
                  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
                TCP  198.51.100.100:80 wlc persistent 300 mask 255.255.255.0
                  -> 198.51.100.11:80             Tunnel  1      0          0
                  -> 198.51.100.12:80             Route   2      7          8
                UDP  198.51.100.100:53 sh ops (sh-port)
                TCP  [2001:db8::100]:80 wrr
                  -> [2001:db8::11]:80            Masq    1      0          0
                FWM  5 rr
                """);
    }

    @Test
    void statsColumnsShortenLargeNumbers() throws Exception {
        String text = IpvsListing.text(new Info(0x010201, 4096), table(), true);
        assertThat(text).contains("Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes");
        assertThat(text).contains("  -> 198.51.100.12:80                 123K        2        3        4        5");
    }

    @Test
    void jsonNamesEveryField() throws Exception {
        String json = IpvsListing.json(new Info(0x010201, 4096), table());
        assertThat(json).startsWith("{\"version\":\"1.2.1\",\"connTableSize\":4096,\"services\":[{\"protocol\":\"tcp\","
                + "\"address\":\"198.51.100.100\",\"port\":80,\"family\":\"inet\",\"scheduler\":\"wlc\",\"flags\":[\"persistent\"],"
                + "\"persistenceTimeout\":300,\"netmask\":24,");
        assertThat(json).contains("{\"address\":\"198.51.100.12\",\"port\":80,\"forwarding\":\"dr\",\"weight\":2,"
                + "\"upperThreshold\":0,\"lowerThreshold\":0,\"activeConnections\":7,\"inactiveConnections\":8,");
        assertThat(json).contains("{\"fwmark\":5,\"family\":\"inet\",\"scheduler\":\"rr\"");
        assertThat(json).contains("\"tunnelType\":\"ipip\"");
        assertThat(json.chars().filter(c -> c == '{').count()).isEqualTo(json.chars().filter(c -> c == '}').count());
    }
}
