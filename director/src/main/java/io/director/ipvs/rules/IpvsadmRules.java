package io.director.ipvs.rules;

import io.director.ipvs.DestKey;
import io.director.ipvs.DestSpec;
import io.director.ipvs.Forwarding;
import io.director.ipvs.IpvsOp;
import io.director.ipvs.Protocol;
import io.director.ipvs.ServiceFlag;
import io.director.ipvs.ServiceKey;
import io.director.ipvs.ServiceSpec;
import io.director.ipvs.SyncDaemon;
import io.director.ipvs.SyncState;
import io.director.ipvs.Timeouts;
import io.director.ipvs.TunnelType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Parses the ipvsadm command language (one command per line, as {@code ipvsadm-restore} reads and
 * {@code ipvsadm -Sn} writes) into {@link Rule}s, with ipvsadm's defaults: scheduler wlc, forwarding DR,
 * weight 1, persistence 300 s when -p has no value, real-server port = service port. Numeric addresses
 * only. Pure: no I/O. Errors name the line: "line 3: unknown option -z".
 */
public final class IpvsadmRules {
    private IpvsadmRules() {}

    /** Thrown for a line that is not a valid ipvsadm command. */
    public static final class RuleException extends Exception {
        public RuleException(String message) {
            super(message);
        }
    }

    public static List<Rule> parse(String text) throws RuleException {
        List<Rule> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("ipvsadm ")) {
                line = line.substring("ipvsadm ".length()).strip();
            }
            try {
                out.add(parseLine(tokens(line)));
            } catch (RuleException | IllegalArgumentException e) {
                throw new RuleException("line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** The table-change ops of {@code rules}, in order (other commands left out). */
    public static List<IpvsOp> ops(List<Rule> rules) {
        List<IpvsOp> ops = new ArrayList<>();
        for (Rule r : rules) {
            if (r instanceof Rule.Op o) {
                ops.add(o.op());
            }
        }
        return ops;
    }

    private static final class Args {
        String command;
        Protocol protocol;
        String serviceAddress;
        int fwmark;
        boolean ipv6;
        String scheduler = "wlc";
        Integer persistent;
        String netmask;
        Set<ServiceFlag> flags = EnumSet.noneOf(ServiceFlag.class);
        String real;
        Forwarding forwarding = Forwarding.DR;
        int weight = 1;
        int upper;
        int lower;
        TunnelType tunType = TunnelType.IPIP;
        int tunPort;
        int tunFlags;
        String daemonState;
        String mcastIfn;
        int syncId;
        int maxLen;
        InetAddress mcastGroup;
        Integer mcastPort;
        Integer mcastTtl;
        int[] timeouts;
    }

    private static Rule parseLine(String[] t) throws RuleException {
        Args a = new Args();
        List<String> schedFlags = new ArrayList<>();
        for (int i = 0; i < t.length; i++) {
            String o = t[i];
            switch (o) {
                case "-A", "--add-service" -> command(a, "A");
                case "-E", "--edit-service" -> command(a, "E");
                case "-D", "--delete-service" -> command(a, "D");
                case "-a", "--add-server" -> command(a, "a");
                case "-e", "--edit-server" -> command(a, "e");
                case "-d", "--delete-server" -> command(a, "d");
                case "-C", "--clear" -> command(a, "C");
                case "--set" -> {
                    command(a, "set");
                    a.timeouts = new int[] {intArg(t, ++i, o), intArg(t, ++i, o), intArg(t, ++i, o)};
                }
                case "--start-daemon" -> {
                    command(a, "start");
                    a.daemonState = arg(t, ++i, o);
                }
                case "--stop-daemon" -> {
                    command(a, "stop");
                    a.daemonState = arg(t, ++i, o);
                }
                case "-t", "--tcp-service" -> service(a, Protocol.TCP, arg(t, ++i, o));
                case "-u", "--udp-service" -> service(a, Protocol.UDP, arg(t, ++i, o));
                case "--sctp-service" -> service(a, Protocol.SCTP, arg(t, ++i, o));
                case "-f", "--fwmark-service" -> a.fwmark = intArg(t, ++i, o);
                case "-6", "--ipv6" -> a.ipv6 = true;
                case "-s", "--scheduler" -> a.scheduler = arg(t, ++i, o);
                case "-p", "--persistent" -> {
                    if (i + 1 < t.length && isDigits(t[i + 1])) {
                        a.persistent = intArg(t, ++i, o);
                    } else {
                        a.persistent = 300;
                    }
                }
                case "-M", "--netmask" -> a.netmask = arg(t, ++i, o);
                case "-b", "--sched-flags" -> schedFlags.addAll(List.of(arg(t, ++i, o).split(",")));
                case "-o", "--ops" -> a.flags.add(ServiceFlag.ONE_PACKET);
                case "-r", "--real-server" -> a.real = arg(t, ++i, o);
                case "-g", "--gatewaying" -> a.forwarding = Forwarding.DR;
                case "-m", "--masquerading" -> a.forwarding = Forwarding.NAT;
                case "-i", "--ipip" -> a.forwarding = Forwarding.TUN;
                case "-w", "--weight" -> a.weight = intArg(t, ++i, o);
                case "-x", "--u-threshold" -> a.upper = intArg(t, ++i, o);
                case "-y", "--l-threshold" -> a.lower = intArg(t, ++i, o);
                case "--tun-type" -> a.tunType = TunnelType.valueOf(arg(t, ++i, o).toUpperCase(Locale.ROOT));
                case "--tun-port" -> a.tunPort = intArg(t, ++i, o);
                case "--tun-nocsum" -> a.tunFlags = 0;
                case "--tun-csum" -> a.tunFlags = 1;
                case "--tun-remcsum" -> a.tunFlags = 2;
                case "--mcast-interface" -> a.mcastIfn = arg(t, ++i, o);
                case "--syncid" -> a.syncId = intArg(t, ++i, o);
                case "--sync-maxlen" -> a.maxLen = intArg(t, ++i, o);
                case "--mcast-group" -> a.mcastGroup = address(arg(t, ++i, o));
                case "--mcast-port" -> a.mcastPort = intArg(t, ++i, o);
                case "--mcast-ttl" -> a.mcastTtl = intArg(t, ++i, o);
                default -> throw new RuleException("unknown option " + o);
            }
        }
        for (String f : schedFlags) {
            switch (f) {
                case "sh-fallback" -> a.flags.add(ServiceFlag.SH_FALLBACK);
                case "sh-port" -> a.flags.add(ServiceFlag.SH_PORT);
                case "mh-fallback" -> a.flags.add(ServiceFlag.MH_FALLBACK);
                case "mh-port" -> a.flags.add(ServiceFlag.MH_PORT);
                case "flag-1" -> a.flags.add(ServiceFlag.SH_FALLBACK);
                case "flag-2" -> a.flags.add(ServiceFlag.SH_PORT);
                default -> throw new RuleException("unknown scheduler flag " + f);
            }
        }
        if (a.command == null) {
            throw new RuleException("no command (-A -E -D -a -e -d -C --set --start-daemon --stop-daemon)");
        }
        return build(a);
    }

    private static Rule build(Args a) throws RuleException {
        switch (a.command) {
            case "C":
                return new Rule.Flush();
            case "set":
                return new Rule.SetTimeouts(new Timeouts(a.timeouts[0], a.timeouts[1], a.timeouts[2]));
            case "start": {
                if (a.mcastIfn == null) {
                    throw new RuleException("--start-daemon needs --mcast-interface");
                }
                return new Rule.StartDaemon(new SyncDaemon(state(a.daemonState), a.mcastIfn, a.syncId,
                        Optional.ofNullable(a.mcastGroup),
                        a.mcastPort == null ? OptionalInt.empty() : OptionalInt.of(a.mcastPort),
                        a.mcastTtl == null ? OptionalInt.empty() : OptionalInt.of(a.mcastTtl), a.maxLen));
            }
            case "stop":
                return new Rule.StopDaemon(state(a.daemonState));
            default:
                break;
        }
        ServiceKey key = serviceKey(a);
        switch (a.command) {
            case "A":
                return new Rule.Op(new IpvsOp.AddService(serviceSpec(a, key)));
            case "E":
                return new Rule.Op(new IpvsOp.EditService(serviceSpec(a, key)));
            case "D":
                return new Rule.Op(new IpvsOp.DeleteService(key));
            default:
                break;
        }
        if (a.real == null) {
            throw new RuleException("-" + a.command + " needs -r ADDRESS[:PORT]");
        }
        DestKey dk = destKey(a.real, key.port());
        if (a.command.equals("d")) {
            return new Rule.Op(new IpvsOp.DeleteDest(key, dk));
        }
        DestSpec spec = new DestSpec(dk, a.forwarding, a.weight, a.upper, a.lower, a.tunType, a.tunPort, a.tunFlags);
        return new Rule.Op(a.command.equals("a") ? new IpvsOp.AddDest(key, spec) : new IpvsOp.EditDest(key, spec));
    }

    private static ServiceKey serviceKey(Args a) throws RuleException {
        if (a.fwmark != 0) {
            return ServiceKey.fwmark(a.fwmark, a.ipv6 ? ServiceKey.AF_INET6 : ServiceKey.AF_INET);
        }
        if (a.serviceAddress == null) {
            throw new RuleException("no service (-t, -u, --sctp-service or -f)");
        }
        HostPort hp = hostPort(a.serviceAddress, -1);
        if (hp.port < 0) {
            throw new RuleException("service " + a.serviceAddress + " needs a port");
        }
        return ServiceKey.of(a.protocol, hp.address, hp.port);
    }

    private static ServiceSpec serviceSpec(Args a, ServiceKey key) throws RuleException {
        Set<ServiceFlag> flags = EnumSet.noneOf(ServiceFlag.class);
        flags.addAll(a.flags);
        int timeout = 0;
        if (a.persistent != null) {
            flags.add(ServiceFlag.PERSISTENT);
            timeout = a.persistent;
        }
        int netmask = ServiceSpec.fullNetmask(key);
        if (a.netmask != null) {
            netmask = parseNetmask(a.netmask, key.isIpv6());
        }
        return new ServiceSpec(key, a.scheduler, flags, timeout, netmask);
    }

    private static int parseNetmask(String s, boolean v6) throws RuleException {
        if (isDigits(s)) {
            return Integer.parseInt(s);
        }
        if (v6) {
            throw new RuleException("IPv6 netmask must be a prefix length: " + s);
        }
        byte[] b = address(s).getAddress();
        int bits = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        int prefix = Integer.bitCount(bits);
        if (prefix != 0 && bits != (-1 << (32 - prefix))) {
            throw new RuleException("netmask is not contiguous: " + s);
        }
        return prefix;
    }

    private static DestKey destKey(String s, int servicePort) throws RuleException {
        HostPort hp = hostPort(s, servicePort);
        return new DestKey(hp.address, Math.max(0, hp.port));
    }

    private record HostPort(InetAddress address, int port) {}

    /** "198.51.100.1:80", "198.51.100.1", "[2001:db8::1]:80", "[2001:db8::1]". */
    private static HostPort hostPort(String s, int dfltPort) throws RuleException {
        String host;
        int port = dfltPort;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new RuleException("bad address " + s);
            }
            host = s.substring(1, close);
            if (close + 1 < s.length()) {
                if (s.charAt(close + 1) != ':') {
                    throw new RuleException("bad address " + s);
                }
                port = port(s.substring(close + 2));
            }
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            port = port(s.substring(s.indexOf(':') + 1));
        } else {
            host = s;
        }
        return new HostPort(address(host), port);
    }

    private static int port(String s) throws RuleException {
        try {
            int p = Integer.parseInt(s);
            if (p < 0 || p > 65535) {
                throw new RuleException("port out of range: " + s);
            }
            return p;
        } catch (NumberFormatException e) {
            throw new RuleException("bad port " + s);
        }
    }

    /** A numeric IPv4 or IPv6 address; never a DNS lookup. */
    static InetAddress address(String s) throws RuleException {
        if (!isNumericAddress(s)) {
            throw new RuleException("not a numeric address: " + s);
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new RuleException("bad address " + s);
        }
    }

    /** Whitespace-separated words (no regex: tens of thousands of lines are parsed at start). */
    private static String[] tokens(String line) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(line.substring(start, i));
            }
        }
        return out.toArray(new String[0]);
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Dotted IPv4 or hex-and-colons IPv6 (so InetAddress never resolves a name). */
    private static boolean isNumericAddress(String s) {
        boolean colon = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ':') {
                colon = true;
            } else if (!(c >= '0' && c <= '9') && c != '.' && !(colon || s.indexOf(':') >= 0)) {
                return false;
            } else if (!(c >= '0' && c <= '9') && c != '.' && !((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    private static SyncState state(String s) throws RuleException {
        return switch (s == null ? "" : s.toLowerCase(Locale.ROOT)) {
            case "master" -> SyncState.MASTER;
            case "backup" -> SyncState.BACKUP;
            default -> throw new RuleException("sync daemon state must be master or backup: " + s);
        };
    }

    private static void service(Args a, Protocol p, String addr) throws RuleException {
        if (a.protocol != null) {
            throw new RuleException("more than one service");
        }
        a.protocol = p;
        a.serviceAddress = addr;
    }

    private static void command(Args a, String c) throws RuleException {
        if (a.command != null) {
            throw new RuleException("more than one command");
        }
        a.command = c;
    }

    private static String arg(String[] t, int i, String opt) throws RuleException {
        if (i >= t.length) {
            throw new RuleException(opt + " needs a value");
        }
        return t[i];
    }

    private static int intArg(String[] t, int i, String opt) throws RuleException {
        String v = arg(t, i, opt);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new RuleException(opt + " needs a number: " + v);
        }
    }
}
