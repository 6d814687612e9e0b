package io.director.cli;

import io.director.ipvs.DestKey;
import io.director.ipvs.DestSpec;
import io.director.ipvs.Info;
import io.director.ipvs.IpvsTable;
import io.director.ipvs.Notation;
import io.director.ipvs.ObservedDest;
import io.director.ipvs.ServiceFlag;
import io.director.ipvs.ServiceKey;
import io.director.ipvs.ServiceSpec;
import io.director.ipvs.Stats;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Renders an IPVS table as {@code ipvsadm -Ln} (optionally {@code --stats}) does, or as JSON. Pure. */
final class IpvsListing {
    private IpvsListing() {}

    /**
     * The table in ipvsadm's order: services by firewall mark (0 first), family, protocol, address and
     * port; real servers by family, address and port. The kernel dumps in hash order.
     */
    static IpvsTable sorted(IpvsTable table) {
        Comparator<ServiceKey> services = Comparator.comparingLong((ServiceKey k) -> Integer.toUnsignedLong(k.fwmark()))
                .thenComparingInt(ServiceKey::family)
                .thenComparingInt(k -> k.protocol() == null ? 0 : k.protocol().number())
                .thenComparing(ServiceKey::address, IpvsListing::compareAddresses)
                .thenComparingInt(ServiceKey::port);
        Comparator<DestKey> dests = Comparator.comparingInt(DestKey::family)
                .thenComparing(DestKey::address, IpvsListing::compareAddresses)
                .thenComparingInt(DestKey::port);
        List<IpvsTable.Entry> entries = new ArrayList<>();
        for (IpvsTable.Entry e : table.services()) {
            List<ObservedDest> ds = new ArrayList<>(e.dests());
            ds.sort(Comparator.comparing(ObservedDest::key, dests));
            entries.add(new IpvsTable.Entry(e.service(), ds));
        }
        entries.sort(Comparator.comparing(e -> e.service().key(), services));
        return new IpvsTable(entries);
    }

    private static int compareAddresses(InetAddress a, InetAddress b) {
        return Arrays.compareUnsigned(a.getAddress(), b.getAddress());
    }

    static String text(Info info, IpvsTable unsorted, boolean stats) {
        IpvsTable table = sorted(unsorted);
        StringBuilder sb = new StringBuilder();
        sb.append("IP Virtual Server version ").append(info.versionText()).append(" (size=").append(info.connTableSize())
                .append(")\n");
        if (stats) {
            sb.append(String.format(Locale.ROOT, "%-33s %8s %8s %8s %8s %8s%n", "Prot LocalAddress:Port",
                    "Conns", "InPkts", "OutPkts", "InBytes", "OutBytes"));
            sb.append("  -> RemoteAddress:Port\n");
        } else {
            sb.append("Prot LocalAddress:Port Scheduler Flags\n");
            sb.append("  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n");
        }
        for (IpvsTable.Entry e : table.services()) {
            ServiceSpec s = e.service().spec();
            String head = serviceColumn(s.key());
            if (stats) {
                sb.append(statsLine(head, e.service().stats()));
            } else {
                sb.append(head).append(' ').append(s.scheduler()).append(serviceFlags(s)).append('\n');
            }
            for (ObservedDest d : e.dests()) {
                String dest = "  -> " + hostPort(d.key().address(), d.key().port());
                if (stats) {
                    sb.append(statsLine(dest, d.stats()));
                } else {
                    sb.append(String.format(Locale.ROOT, "%-33s %-7s %-6d %-10d %d%n", dest,
                            d.spec().forwarding().ipvsadmName(), d.spec().weight(), d.activeConnections(),
                            d.inactiveConnections()));
                }
            }
        }
        return sb.toString();
    }

    private static String statsLine(String head, Stats st) {
        return String.format(Locale.ROOT, "%-33s %8s %8s %8s %8s %8s%n", head, human(st.connections()),
                human(st.packetsIn()), human(st.packetsOut()), human(st.bytesIn()), human(st.bytesOut()));
    }

    /** ipvsadm's short numbers: 1234 -> 1234, 123456 -> 123K, then M, G, T. */
    static String human(long n) {
        String[] units = {"", "K", "M", "G", "T"};
        int u = 0;
        while (n >= 100000 && u < units.length - 1) {
            n /= 1000;
            u++;
        }
        return n + units[u];
    }

    static String serviceColumn(ServiceKey k) {
        if (k.isFwmark()) {
            return "FWM  " + Integer.toUnsignedString(k.fwmark()) + (k.isIpv6() ? " IPv6" : "");
        }
        return String.format(Locale.ROOT, "%-4s %s", k.protocol().name(), hostPort(k.address(), k.port()));
    }

    private static String serviceFlags(ServiceSpec s) {
        StringBuilder sb = new StringBuilder();
        if (s.persistent()) {
            sb.append(" persistent ").append(s.timeoutSeconds());
            if (s.netmask() != ServiceSpec.fullNetmask(s.key())) {
                sb.append(" mask ").append(s.key().isIpv6() ? Integer.toString(s.netmask()) : v4Mask(s.netmask()));
            }
        }
        if (s.flags().contains(ServiceFlag.ONE_PACKET)) {
            sb.append(" ops");
        }
        List<String> sched = new ArrayList<>();
        for (ServiceFlag f : s.flags()) {
            if (f != ServiceFlag.PERSISTENT && f != ServiceFlag.ONE_PACKET) {
                sched.add(label(f));
            }
        }
        if (!sched.isEmpty()) {
            sb.append(" (").append(String.join(",", sched)).append(')');
        }
        return sb.toString();
    }

    private static String v4Mask(int prefix) {
        int m = prefix == 0 ? 0 : -1 << (32 - prefix);
        return ((m >>> 24) & 0xff) + "." + ((m >>> 16) & 0xff) + "." + ((m >>> 8) & 0xff) + "." + (m & 0xff);
    }

    private static String label(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String hostPort(InetAddress a, int port) {
        return Notation.hostPort(a, port);
    }

    static String host(InetAddress a) {
        return Notation.host(a);
    }

    static String json(Info info, IpvsTable unsorted) {
        IpvsTable table = sorted(unsorted);
        StringBuilder sb = new StringBuilder();
        sb.append("{\"version\":\"").append(info.versionText()).append("\",\"connTableSize\":").append(info.connTableSize())
                .append(",\"services\":[");
        boolean firstService = true;
        for (IpvsTable.Entry e : table.services()) {
            if (!firstService) {
                sb.append(',');
            }
            firstService = false;
            ServiceSpec s = e.service().spec();
            ServiceKey k = s.key();
            sb.append('{');
            if (k.isFwmark()) {
                sb.append("\"fwmark\":").append(Integer.toUnsignedString(k.fwmark()));
            } else {
                sb.append("\"protocol\":").append(str(k.protocol().label())).append(",\"address\":")
                        .append(str(host(k.address()))).append(",\"port\":").append(k.port());
            }
            sb.append(",\"family\":").append(str(k.isIpv6() ? "inet6" : "inet"));
            sb.append(",\"scheduler\":").append(str(s.scheduler()));
            sb.append(",\"flags\":[");
            List<String> flags = new ArrayList<>();
            for (ServiceFlag f : s.flags()) {
                flags.add(str(label(f)));
            }
            sb.append(String.join(",", flags)).append(']');
            sb.append(",\"persistenceTimeout\":").append(s.timeoutSeconds());
            sb.append(",\"netmask\":").append(s.netmask());
            sb.append(",\"stats\":").append(stats(e.service().stats()));
            sb.append(",\"realServers\":[");
            boolean firstDest = true;
            for (ObservedDest d : e.dests()) {
                if (!firstDest) {
                    sb.append(',');
                }
                firstDest = false;
                DestSpec ds = d.spec();
                sb.append("{\"address\":").append(str(host(ds.key().address()))).append(",\"port\":").append(ds.key().port())
                        .append(",\"forwarding\":").append(str(label(ds.forwarding())))
                        .append(",\"weight\":").append(ds.weight())
                        .append(",\"upperThreshold\":").append(ds.upperThreshold())
                        .append(",\"lowerThreshold\":").append(ds.lowerThreshold());
                if (ds.forwarding() == io.director.ipvs.Forwarding.TUN) {
                    sb.append(",\"tunnelType\":").append(str(label(ds.tunnelType())))
                            .append(",\"tunnelPort\":").append(ds.tunnelPort())
                            .append(",\"tunnelFlags\":").append(ds.tunnelFlags());
                }
                sb.append(",\"activeConnections\":").append(d.activeConnections())
                        .append(",\"inactiveConnections\":").append(d.inactiveConnections())
                        .append(",\"persistentConnections\":").append(d.persistentConnections())
                        .append(",\"stats\":").append(stats(d.stats())).append('}');
            }
            sb.append("]}");
        }
        return sb.append("]}\n").toString();
    }

    private static String stats(Stats s) {
        return "{\"connections\":" + s.connections() + ",\"packetsIn\":" + s.packetsIn() + ",\"packetsOut\":"
                + s.packetsOut() + ",\"bytesIn\":" + s.bytesIn() + ",\"bytesOut\":" + s.bytesOut() + ",\"cps\":"
                + s.cps() + ",\"inPps\":" + s.inPps() + ",\"outPps\":" + s.outPps() + ",\"inBps\":" + s.inBps()
                + ",\"outBps\":" + s.outBps() + "}";
    }

    private static String str(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
