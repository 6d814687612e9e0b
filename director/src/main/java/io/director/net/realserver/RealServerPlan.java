package io.director.net.realserver;

import io.director.net.InterfaceAddress;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Pure plan for the real-server side of LVS direct routing and tunnelling: which steps bring the
 * observed state (addresses on {@code lo}, sysctl values) to what the VIPs need, and what is missing.
 * {@code check} reports exactly the steps {@code up} would take plus what {@code up} cannot fix, so a
 * clean {@code up} always leaves {@code check} clean.
 *
 * <p>Why each setting (IPv4): {@code arp_ignore=1} stops the host answering ARP on eth0 for the VIP
 * that lives on lo (the director must be the only one); {@code arp_announce=2} stops it using the VIP
 * as the source of its own ARP requests. The kernel uses the larger of {@code all} and the interface's
 * value for both, so {@code all} is what counts; {@code lo} is set too, as the LVS guides do.
 * With TUN, decapsulated packets arrive on {@code tunl0} from the client's address, which routes out of
 * another interface, so any {@code rp_filter} (effective value max(all, tunl0) other than 0) drops them.
 * IPv6 needs no ARP settings: Linux answers neighbour solicitations only for addresses on the
 * interface they arrive on, so a VIP on lo stays silent; it only needs IPv6 enabled on lo.
 */
public final class RealServerPlan {
    public static final String LOOPBACK = "lo";
    static final String ARP_IGNORE_ALL = "net/ipv4/conf/all/arp_ignore";
    static final String ARP_IGNORE_LO = "net/ipv4/conf/lo/arp_ignore";
    static final String ARP_ANNOUNCE_ALL = "net/ipv4/conf/all/arp_announce";
    static final String ARP_ANNOUNCE_LO = "net/ipv4/conf/lo/arp_announce";
    static final String RP_FILTER_ALL = "net/ipv4/conf/all/rp_filter";
    static final String RP_FILTER_TUNL0 = "net/ipv4/conf/tunl0/rp_filter";
    static final String DISABLE_IPV6_LO = "net/ipv6/conf/lo/disable_ipv6";

    /** The sysctls the plan looks at; the caller reads them (absent ones stay out of the map). */
    public static final List<String> SYSCTLS = List.of(ARP_IGNORE_ALL, ARP_IGNORE_LO, ARP_ANNOUNCE_ALL,
            ARP_ANNOUNCE_LO, RP_FILTER_ALL, RP_FILTER_TUNL0, DISABLE_IPV6_LO);

    private RealServerPlan() {}

    /** Host prefix for a VIP on lo: /32 or /128. */
    public static int hostPrefix(InetAddress vip) {
        return vip.getAddress().length * 8;
    }

    /** Steps that put each VIP on lo and the sysctls in place; empty when all is already so. */
    public static List<RealServerStep> up(List<InetAddress> vips, List<InterfaceAddress> onLo, Map<String, String> sysctls) {
        List<RealServerStep> steps = new ArrayList<>();
        for (InetAddress vip : distinct(vips)) {
            if (!isOnLo(vip, onLo)) {
                steps.add(new RealServerStep.AddVip(vip, hostPrefix(vip), LOOPBACK));
            }
        }
        if (vips.stream().anyMatch(v -> v instanceof Inet4Address)) {
            atLeast(steps, sysctls, ARP_IGNORE_ALL, 1, "do not answer ARP for the VIP on lo");
            atLeast(steps, sysctls, ARP_IGNORE_LO, 1, "do not answer ARP for the VIP on lo");
            atLeast(steps, sysctls, ARP_ANNOUNCE_ALL, 2, "never use the VIP as ARP source");
            atLeast(steps, sysctls, ARP_ANNOUNCE_LO, 2, "never use the VIP as ARP source");
            rpFilterForTunnel(steps, sysctls);
        }
        return List.copyOf(steps);
    }

    /** Steps that take each VIP off lo. Sysctls stay: other VIPs or services may rely on them. */
    public static List<RealServerStep> down(List<InetAddress> vips, List<InterfaceAddress> onLo) {
        List<RealServerStep> steps = new ArrayList<>();
        for (InetAddress vip : distinct(vips)) {
            if (isOnLo(vip, onLo)) {
                steps.add(new RealServerStep.RemoveVip(vip, hostPrefix(vip), LOOPBACK));
            }
        }
        return List.copyOf(steps);
    }

    /** Everything missing for the VIPs to be served, one line each; empty when the host is ready. */
    public static List<String> check(List<InetAddress> vips, List<InterfaceAddress> onLo, Map<String, String> sysctls) {
        List<String> problems = new ArrayList<>();
        for (RealServerStep step : up(vips, onLo, sysctls)) {
            problems.add(step.missing());
        }
        if (vips.stream().anyMatch(v -> v instanceof Inet6Address)
                && !"0".equals(sysctls.getOrDefault(DISABLE_IPV6_LO, "absent"))) {
            problems.add("IPv6 is disabled on lo (" + Sysctls.displayName(DISABLE_IPV6_LO) + " is "
                    + sysctls.getOrDefault(DISABLE_IPV6_LO, "absent") + "): IPv6 VIPs cannot be added");
        }
        return List.copyOf(problems);
    }

    private static void atLeast(List<RealServerStep> steps, Map<String, String> sysctls, String path, int min, String why) {
        String seen = sysctls.getOrDefault(path, "absent");
        OptionalInt value = parse(seen);
        if (value.isEmpty() || value.getAsInt() < min) {
            steps.add(new RealServerStep.SetSysctl(path, seen, Integer.toString(min), why));
        }
    }

    /**
     * Only where a tunnel device exists. The kernel filters with max(all, tunl0), and for a device with
     * no IPv4 address of its own (tunl0 usually has none) even loose mode (2) drops a packet whose source
     * routes out of another interface, so both must be 0. Other interfaces keep their own values.
     */
    private static void rpFilterForTunnel(List<RealServerStep> steps, Map<String, String> sysctls) {
        String tunl0 = sysctls.get(RP_FILTER_TUNL0);
        if (tunl0 == null) {
            return;
        }
        String all = sysctls.getOrDefault(RP_FILTER_ALL, "0");
        String why = "reverse-path filtering drops TUN packets arriving on tunl0";
        if (parse(tunl0).orElse(1) != 0) {
            steps.add(new RealServerStep.SetSysctl(RP_FILTER_TUNL0, tunl0, "0", why));
        }
        if (parse(all).orElse(1) != 0) {
            steps.add(new RealServerStep.SetSysctl(RP_FILTER_ALL, all, "0", why + "; the kernel uses max(all, tunl0)"));
        }
    }

    private static boolean isOnLo(InetAddress vip, List<InterfaceAddress> onLo) {
        return onLo.stream().anyMatch(a -> a.address().equals(vip) && a.prefixLength() == hostPrefix(vip));
    }

    private static List<InetAddress> distinct(List<InetAddress> vips) {
        return vips.stream().distinct().toList();
    }

    private static OptionalInt parse(String value) {
        try {
            return OptionalInt.of(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
