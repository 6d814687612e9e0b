package io.director.config.core;

import io.director.config.model.Addresses;
import io.director.config.model.CheckConfig;
import io.director.config.model.CheckTiming;
import io.director.config.model.ClusterConfig;
import io.director.config.model.DirectorConfig;
import io.director.config.model.Endpoint;
import io.director.config.model.HttpCheck;
import io.director.config.model.MemberRole;
import io.director.config.model.RealServerConfig;
import io.director.config.model.RealServerId;
import io.director.config.model.SchedulerFlag;
import io.director.config.model.ServiceConfig;
import io.director.config.model.ServiceId;
import io.director.config.model.StatusRange;
import io.director.config.model.TcpCheck;
import io.director.config.model.Vip;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Semantic rules over a whole model that no single value can break alone: duplicates, address families,
 * ranges, VIP coverage, quorum against the number of real servers. Pure: the same model, the same answer.
 */
public final class ConfigValidator {
    private ConfigValidator() {}

    public static final int MAX_WEIGHT = 65535;
    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern INTERFACE = Pattern.compile("[^\\s/:]{1,15}");

    public static List<Violation> validate(DirectorConfig c) {
        List<Violation> out = new ArrayList<>();
        if (!NODE_ID.matcher(c.nodeId()).matches()) {
            out.add(Violation.of(c, "node-id", "node-id \"" + c.nodeId()
                    + "\" must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
        iface(out, c, "interface", c.interfaceName());
        cluster(out, c.cluster());
        Map<InetAddress, Vip> vips = new HashMap<>();
        for (Vip v : c.vips()) {
            Vip first = vips.putIfAbsent(v.address(), v);
            if (first != null) {
                out.add(new Violation(v, "address", "duplicate VIP " + Addresses.text(v.address()), Optional.of(first)));
            }
            if (v.prefixLength() < 0 || v.prefixLength() > AddressText.maxPrefix(v.address())) {
                out.add(Violation.of(v, "address", "prefix length " + v.prefixLength() + " is out of range 0.."
                        + AddressText.maxPrefix(v.address())));
            }
            v.interfaceName().ifPresent(i -> iface(out, v, "interface", i));
        }
        if (c.cluster().role() == MemberRole.WITNESS && !c.vips().isEmpty()) {
            out.add(Violation.of(c, "vips", "a witness holds no VIPs (it only votes); remove vips or make it a director"));
        }
        if (c.cluster().role() == MemberRole.WITNESS && !c.services().isEmpty()) {
            out.add(Violation.of(c, "services", "a witness has no services (it only votes); remove services or make it a director"));
        }
        c.sync().interfaceName().ifPresent(i -> iface(out, c.sync(), "interface", i));
        range(out, c.sync(), "sync-id", c.sync().syncId(), 0, 255);
        c.sync().multicastPort().ifPresent(p -> range(out, c.sync(), "multicast-port", p, 1, 65535));
        c.sync().multicastGroup().ifPresent(g -> {
            if (!g.isMulticastAddress()) {
                out.add(Violation.of(c.sync(), "multicast-group", Addresses.text(g) + " is not a multicast address"));
            }
        });
        if (!c.admin().socket().isAbsolute()) {
            out.add(Violation.of(c.admin(), "socket", "admin socket must be an absolute path, got " + c.admin().socket()));
        }
        range(out, c.announce(), "burst-count", c.announce().burstCount(), 0, 100);
        range(out, c.announce(), "refresh-count", c.announce().refreshCount(), 0, 100);
        positive(out, c.announce(), "burst-spacing", c.announce().burstSpacing());
        positive(out, c.announce(), "refresh-delay", c.announce().refreshDelay());
        notNegative(out, c.ipvs(), "drain-timeout", c.ipvs().drainTimeout());
        positive(out, c.ipvs(), "repair-interval", c.ipvs().repairInterval());
        positive(out, c.notifications(), "timeout", c.notifications().timeout());

        Map<ServiceId, ServiceConfig> services = new HashMap<>();
        for (ServiceConfig s : c.services()) {
            ServiceConfig first = services.putIfAbsent(s.id(), s);
            if (first != null) {
                out.add(new Violation(s, s.id().isFwmark() ? "fwmark" : "vip", "duplicate service " + s.id(), Optional.of(first)));
            }
            service(out, s, vips);
        }
        return out;
    }

    private static void cluster(List<Violation> out, ClusterConfig k) {
        if (k.name().isBlank() || k.name().length() > 64) {
            out.add(Violation.of(k, "name", "cluster name must be 1-64 characters"));
        }
        range(out, k, "priority", k.priority(), 1, 255);
        notNegative(out, k, "preempt-delay", k.preemptDelay());
        positive(out, k, "join-timeout", k.joinTimeout());
        positive(out, k, "heartbeat-interval", k.heartbeatInterval());
        positive(out, k, "heartbeat-timeout", k.heartbeatTimeout());
        if (k.heartbeatTimeout().compareTo(k.heartbeatInterval()) <= 0) {
            out.add(Violation.of(k, "heartbeat-timeout", "heartbeat-timeout (" + DurationText.of(k.heartbeatTimeout())
                    + ") must be longer than heartbeat-interval (" + DurationText.of(k.heartbeatInterval()) + ")"));
        }
        notNegative(out, k, "link-probe-interval", k.linkProbeInterval());
        if (!k.linkProbeInterval().isNegative() && !k.linkProbeInterval().isZero()
                && k.linkProbeInterval().compareTo(Duration.ofMillis(10)) < 0) {
            out.add(Violation.of(k, "link-probe-interval", "link-probe-interval must be 0 (no link probe) or at least 10ms"));
        }
        range(out, k, "link-probe-multiplier", k.linkProbeMultiplier(), 2, 100);
        Map<Endpoint, Endpoint> seen = new HashMap<>();
        for (Endpoint m : k.members()) {
            if (seen.putIfAbsent(m, m) != null) {
                out.add(Violation.of(k, "members", "duplicate member " + m));
            }
        }
        if (!k.members().isEmpty() && !k.members().contains(k.bind())) {
            out.add(Violation.of(k, "members", "members must include this node's bind address " + k.bind()));
        }
    }

    private static void service(List<Violation> out, ServiceConfig s, Map<InetAddress, Vip> vips) {
        ServiceId id = s.id();
        if (id.isFwmark()) {
            if (id.fwmark() < 0) {
                out.add(Violation.of(s, "fwmark", "fwmark must be a positive 32-bit number"));
            }
        } else {
            range(out, s, "port", id.port(), 1, 65535);
            if (!vips.containsKey(id.vip())) {
                out.add(Violation.of(s, "vip", "service VIP " + Addresses.text(id.vip())
                        + " is not covered by any entry of vips " + vips.keySet().stream().map(Addresses::text).sorted().toList()));
            }
        }
        for (SchedulerFlag f : s.schedulerFlags()) {
            String needs = f.name().startsWith("SH") ? "sh" : "mh";
            if (!s.scheduler().equals(needs)) {
                out.add(Violation.of(s, "scheduler-flags", "scheduler flag " + f.name().toLowerCase().replace('_', '-')
                        + " needs scheduler " + needs + ", not " + s.scheduler()));
            }
        }
        notNegative(out, s, "persistence", s.persistence());
        range(out, s, "persistence-netmask", s.persistenceNetmask(), 0, AddressText.maxPrefix(id.vip()));
        range(out, s, "quorum", s.quorum().minimum(), 1, Integer.MAX_VALUE);
        range(out, s, "hysteresis", s.quorum().hysteresis(), 0, Integer.MAX_VALUE);
        if (s.quorum().minimum() > s.realServers().size()) {
            out.add(Violation.of(s, "quorum", "quorum " + s.quorum().minimum() + " is larger than the number of real servers ("
                    + s.realServers().size() + ")"));
        }
        s.sorryServer().ifPresent(sorry -> {
            if (!Addresses.sameFamily(sorry.address(), id.vip())) {
                out.add(Violation.of(s, "sorry-server", "sorry server " + sorry + " is not in the VIP's address family"));
            }
        });
        s.check().ifPresent(ch -> check(out, ch));
        Map<RealServerId, RealServerConfig> seen = new HashMap<>();
        for (RealServerConfig r : s.realServers()) {
            RealServerConfig first = seen.putIfAbsent(r.id(), r);
            if (first != null) {
                out.add(new Violation(r, "address", "duplicate real server " + r.id() + " in service " + id, Optional.of(first)));
            }
            if (!Addresses.sameFamily(r.address(), id.vip())) {
                out.add(Violation.of(r, "address", "real server " + Addresses.text(r.address())
                        + " is not in the address family of its service's VIP " + Addresses.text(id.vip())));
            }
            if (r.port() != id.port()) { // an inherited port was reported with its service
                range(out, r, "port", r.port(), id.isFwmark() ? 0 : 1, 65535);
            }
            range(out, r, "weight", r.weight(), 0, MAX_WEIGHT);
            range(out, r, "upper-threshold", r.upperThreshold(), 0, Integer.MAX_VALUE);
            range(out, r, "lower-threshold", r.lowerThreshold(), 0, Integer.MAX_VALUE);
            if (r.upperThreshold() > 0 && r.lowerThreshold() > r.upperThreshold()) {
                out.add(Violation.of(r, "lower-threshold", "lower-threshold " + r.lowerThreshold()
                        + " is above upper-threshold " + r.upperThreshold()));
            }
            r.check().ifPresent(ch -> check(out, ch));
        }
    }

    private static void check(List<Violation> out, CheckConfig ch) {
        CheckTiming t = ch.timing();
        positive(out, ch, "interval", t.interval());
        positive(out, ch, "timeout", t.timeout());
        range(out, ch, "rise", t.rise(), 1, 1000);
        range(out, ch, "fall", t.fall(), 1, 1000);
        if (ch instanceof HttpCheck h) {
            if (!h.path().startsWith("/")) {
                out.add(Violation.of(ch, "path", "HTTP path must start with '/', got \"" + h.path() + "\""));
            }
            if (h.expect().isEmpty()) {
                out.add(Violation.of(ch, "expect", "expect needs at least one status code"));
            }
            for (StatusRange r : h.expect()) {
                if (r.from() < 100 || r.to() > 599 || r.from() > r.to()) {
                    out.add(Violation.of(ch, "expect", "status range " + r + " is not within 100..599"));
                }
            }
            h.bodyRegex().ifPresent(re -> {
                try {
                    Pattern.compile(re);
                } catch (PatternSyntaxException e) {
                    out.add(Violation.of(ch, "body", "invalid regular expression \"" + re + "\": "
                            + e.getDescription() + " near index " + e.getIndex()));
                }
            });
            h.port().ifPresent(p -> range(out, ch, "port", p, 1, 65535));
        } else if (ch instanceof TcpCheck tc) {
            tc.port().ifPresent(p -> range(out, ch, "port", p, 1, 65535));
        }
    }

    private static void iface(List<Violation> out, Object subject, String key, String name) {
        if (!INTERFACE.matcher(name).matches()) {
            out.add(Violation.of(subject, key, "interface name \"" + name + "\" must be 1-15 characters without spaces, '/' or ':'"));
        }
    }

    private static void range(List<Violation> out, Object subject, String key, long value, long min, long max) {
        if (value < min || value > max) {
            String bounds = max == Integer.MAX_VALUE ? "at least " + min : "within " + min + ".." + max;
            out.add(Violation.of(subject, key, key + " " + value + " must be " + bounds));
        }
    }

    private static void positive(List<Violation> out, Object subject, String key, Duration d) {
        if (d.isZero() || d.isNegative()) {
            out.add(Violation.of(subject, key, key + " must be a positive duration, got " + DurationText.of(d)));
        }
    }

    private static void notNegative(List<Violation> out, Object subject, String key, Duration d) {
        if (d.isNegative()) {
            out.add(Violation.of(subject, key, key + " must not be negative, got " + DurationText.of(d)));
        }
    }
}
