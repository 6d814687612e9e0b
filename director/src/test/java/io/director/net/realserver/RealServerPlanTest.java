package io.director.net.realserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.director.net.InterfaceAddress;
import io.director.net.IpLiteral;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RealServerPlanTest {
    private static final InetAddress VIP = IpLiteral.parse("198.51.100.100");
    private static final InetAddress VIP6 = IpLiteral.parse("2001:db8::100");

    private static Map<String, String> fresh() {
        Map<String, String> m = new HashMap<>();
        m.put(RealServerPlan.ARP_IGNORE_ALL, "0");
        m.put(RealServerPlan.ARP_IGNORE_LO, "0");
        m.put(RealServerPlan.ARP_ANNOUNCE_ALL, "0");
        m.put(RealServerPlan.ARP_ANNOUNCE_LO, "0");
        m.put(RealServerPlan.RP_FILTER_ALL, "0");
        m.put(RealServerPlan.DISABLE_IPV6_LO, "0");
        return m;
    }

    private static Map<String, String> prepared() {
        Map<String, String> m = fresh();
        m.put(RealServerPlan.ARP_IGNORE_ALL, "1");
        m.put(RealServerPlan.ARP_IGNORE_LO, "1");
        m.put(RealServerPlan.ARP_ANNOUNCE_ALL, "2");
        m.put(RealServerPlan.ARP_ANNOUNCE_LO, "2");
        return m;
    }

    private static List<InterfaceAddress> lo(InetAddress... vips) {
        return java.util.Arrays.stream(vips).map(v -> new InterfaceAddress(v, RealServerPlan.hostPrefix(v), "lo")).toList();
    }

    @Test
    void upOnAFreshHostAddsHostAddressesAndSetsTheFourArpSysctls() {
        List<RealServerStep> steps = RealServerPlan.up(List.of(VIP, VIP6), List.of(), fresh());

        assertThat(steps).extracting(RealServerStep::done).containsExactly(
                "added 198.51.100.100/32 on lo",
                "added 2001:db8::100/128 on lo",
                "set net.ipv4.conf.all.arp_ignore = 1 (was 0)",
                "set net.ipv4.conf.lo.arp_ignore = 1 (was 0)",
                "set net.ipv4.conf.all.arp_announce = 2 (was 0)",
                "set net.ipv4.conf.lo.arp_announce = 2 (was 0)");
    }

    @Test
    void upOnAPreparedHostDoesNothingAndCheckIsClean() {
        assertThat(RealServerPlan.up(List.of(VIP, VIP6), lo(VIP, VIP6), prepared())).isEmpty();
        assertThat(RealServerPlan.check(List.of(VIP, VIP6), lo(VIP, VIP6), prepared())).isEmpty();
    }

    @Test
    void aStricterArpIgnoreIsKeptButAWrongArpAnnounceIsNot() {
        Map<String, String> s = prepared();
        s.put(RealServerPlan.ARP_IGNORE_ALL, "2");
        s.put(RealServerPlan.ARP_ANNOUNCE_LO, "1");

        assertThat(RealServerPlan.up(List.of(VIP), lo(VIP), s)).extracting(RealServerStep::done)
                .containsExactly("set net.ipv4.conf.lo.arp_announce = 2 (was 1)");
    }

    @Test
    void theSameAddressWithAWiderPrefixDoesNotCountAsTheVip() {
        List<InterfaceAddress> wide = List.of(new InterfaceAddress(VIP, 24, "lo"));

        assertThat(RealServerPlan.up(List.of(VIP), wide, prepared())).extracting(RealServerStep::done)
                .containsExactly("added 198.51.100.100/32 on lo");
    }

    @Test
    void ipv6OnlyVipsNeedNoArpSysctlsButIpv6OnLo() {
        Map<String, String> s = fresh();
        s.put(RealServerPlan.DISABLE_IPV6_LO, "1");

        assertThat(RealServerPlan.up(List.of(VIP6), lo(VIP6), s)).isEmpty();
        assertThat(RealServerPlan.check(List.of(VIP6), lo(VIP6), s))
                .containsExactly("IPv6 is disabled on lo (net.ipv6.conf.lo.disable_ipv6 is 1): IPv6 VIPs cannot be added");
    }

    @Test
    void rpFilterMattersOnlyWhereATunnelDeviceExists() {
        Map<String, String> s = prepared();
        s.put(RealServerPlan.RP_FILTER_ALL, "1");
        assertThat(RealServerPlan.check(List.of(VIP), lo(VIP), s)).isEmpty();

        s.put(RealServerPlan.RP_FILTER_TUNL0, "1");
        assertThat(RealServerPlan.check(List.of(VIP), lo(VIP), s)).containsExactly(
                "net.ipv4.conf.tunl0.rp_filter is 1, needs 0 (reverse-path filtering drops TUN packets arriving on tunl0)",
                "net.ipv4.conf.all.rp_filter is 1, needs 0 (reverse-path filtering drops TUN packets arriving on tunl0;"
                        + " the kernel uses max(all, tunl0))");
    }

    @Test
    void evenLooseRpFilterDropsOnAnAddresslessTunnel() {
        Map<String, String> s = prepared();
        s.put(RealServerPlan.RP_FILTER_ALL, "2");
        s.put(RealServerPlan.RP_FILTER_TUNL0, "0");
        assertThat(RealServerPlan.up(List.of(VIP), lo(VIP), s)).extracting(RealServerStep::done)
                .containsExactly("set net.ipv4.conf.all.rp_filter = 0 (was 2)");

        s.put(RealServerPlan.RP_FILTER_ALL, "0");
        assertThat(RealServerPlan.check(List.of(VIP), lo(VIP), s)).isEmpty();
    }

    @Test
    void checkReportsMissingVipAndSysctls() {
        assertThat(RealServerPlan.check(List.of(VIP), List.of(), fresh())).containsExactly(
                "VIP 198.51.100.100/32 is not on lo",
                "net.ipv4.conf.all.arp_ignore is 0, needs 1 (do not answer ARP for the VIP on lo)",
                "net.ipv4.conf.lo.arp_ignore is 0, needs 1 (do not answer ARP for the VIP on lo)",
                "net.ipv4.conf.all.arp_announce is 0, needs 2 (never use the VIP as ARP source)",
                "net.ipv4.conf.lo.arp_announce is 0, needs 2 (never use the VIP as ARP source)");
    }

    @Test
    void downRemovesOnlyVipsThatArePresentAndNamed() {
        InetAddress other = IpLiteral.parse("198.51.100.101");

        assertThat(RealServerPlan.down(List.of(VIP, VIP6), lo(VIP, other)))
                .extracting(RealServerStep::done).containsExactly("removed 198.51.100.100/32 from lo");
    }

    @Test
    void displayNameFollowsSysctlConventionForDottedInterfaceNames() {
        assertThat(Sysctls.displayName("net/ipv4/conf/eth0.100/rp_filter")).isEqualTo("net.ipv4.conf.eth0/100.rp_filter");
    }
}
