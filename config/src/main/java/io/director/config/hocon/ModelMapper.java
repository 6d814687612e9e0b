package io.director.config.hocon;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.director.config.core.AddressText;
import io.director.config.core.Violation;
import io.director.config.model.AdminConfig;
import io.director.config.model.AnnounceConfig;
import io.director.config.model.CheckConfig;
import io.director.config.model.CheckTiming;
import io.director.config.model.ClusterConfig;
import io.director.config.model.DirectorConfig;
import io.director.config.model.Endpoint;
import io.director.config.model.Forwarding;
import io.director.config.model.HttpCheck;
import io.director.config.model.IpvsConfig;
import io.director.config.model.MemberRole;
import io.director.config.model.NotifyConfig;
import io.director.config.model.OnFailure;
import io.director.config.model.Protocol;
import io.director.config.model.Quorum;
import io.director.config.model.RealServerConfig;
import io.director.config.model.SchedulerFlag;
import io.director.config.model.Schedulers;
import io.director.config.model.ScriptCheck;
import io.director.config.model.ServiceConfig;
import io.director.config.model.ServiceId;
import io.director.config.model.StatusRange;
import io.director.config.model.SyncConfig;
import io.director.config.model.TcpCheck;
import io.director.config.model.Vip;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Maps the merged, resolved {@code director} object onto the model, reporting every problem it meets and
 * remembering which {@link Section} each model record came from so that {@link Violation}s can be located.
 */
final class ModelMapper {
    static final int DEFAULT_CLUSTER_PORT = 7800;

    static final Map<String, Protocol> PROTOCOLS = options(Protocol.values());
    static final Map<String, Forwarding> FORWARDINGS = options(Forwarding.values());
    static final Map<String, OnFailure> ON_FAILURE = options(OnFailure.values());
    static final Map<String, MemberRole> ROLES = options(MemberRole.values());
    static final Map<String, SchedulerFlag> FLAGS = options(SchedulerFlag.values());
    static final Map<String, String> SCHEDULERS = new LinkedHashMap<>();
    static final Map<String, String> CHECK_TYPES = new LinkedHashMap<>();
    static final Map<String, Boolean> INITIAL_STATES = new LinkedHashMap<>();

    static final Set<String> COMMON_CHECK_KEYS = Set.of("type", "interval", "timeout", "rise", "fall", "initial-state");
    static final Map<String, Set<String>> CHECK_KEYS = Map.of(
            "http", Set.of("path", "host", "expect", "body", "verify-tls", "sni", "port", "keep-alive"),
            "https", Set.of("path", "host", "expect", "body", "verify-tls", "sni", "port", "keep-alive"),
            "tcp", Set.of("port", "send", "expect"),
            "script", Set.of("command"));
    static final Set<String> VIP_KEYS = Set.of("address", "interface");

    static {
        Schedulers.KNOWN.forEach(s -> SCHEDULERS.put(s, s));
        for (String t : List.of("http", "https", "tcp", "script")) {
            CHECK_TYPES.put(t, t);
        }
        INITIAL_STATES.put("up", true);
        INITIAL_STATES.put("down", false);
    }

    private static <E extends Enum<E>> Map<String, E> options(E[] values) {
        Map<String, E> m = new LinkedHashMap<>();
        for (E e : values) {
            m.put(e.name().toLowerCase().replace('_', '-'), e);
        }
        return m;
    }

    private final Problems problems;
    private final ConfigObject reference;
    final IdentityHashMap<Object, Section> sources = new IdentityHashMap<>();

    ModelMapper(Problems problems, ConfigObject reference) {
        this.problems = problems;
        this.reference = reference;
    }

    private ConfigObject ref(String key) {
        return (ConfigObject) reference.get(key);
    }

    private <T> T source(T model, Section section) {
        if (model != null) {
            sources.put(model, section);
        }
        return model;
    }

    DirectorConfig map(Section d) {
        d.requireKnownKeys(reference.keySet());
        String nodeId = d.string("node-id", true);
        String iface = d.string("interface", true);
        ClusterConfig cluster = cluster(d.child("cluster", ref("cluster")));
        List<Vip> vips = new ArrayList<>();
        List<ConfigValue> vipValues = d.list("vips");
        for (int i = 0; i < vipValues.size(); i++) {
            Vip v = vip(d, i, vipValues.get(i));
            if (v != null) {
                vips.add(v);
            }
        }
        SyncConfig sync = sync(d.child("sync", ref("sync")));
        AdminConfig admin = admin(d.child("admin", ref("admin")), nodeId);
        AnnounceConfig announce = announce(d.child("announce", ref("announce")));
        IpvsConfig ipvs = ipvs(d.child("ipvs", ref("ipvs")));
        NotifyConfig notify = notify(d.child("notify", ref("notify")));

        Section serviceDefaults = d.child("service-defaults", ref("service-defaults"));
        serviceDefaults.requireKnownKeys(ref("service-defaults").keySet());
        typeCheck(serviceDefaults, ref("service-defaults"));
        Section realServerDefaults = d.child("real-server-defaults", ref("real-server-defaults"));
        realServerDefaults.requireKnownKeys(ref("real-server-defaults").keySet());
        typeCheck(realServerDefaults, ref("real-server-defaults"));
        Section checkDefaults = d.child("check-defaults", ref("check-defaults"));
        checkDefaults.requireKnownKeys(ref("check-defaults").keySet());
        typeCheck(checkDefaults, ref("check-defaults"));

        List<ServiceConfig> services = new ArrayList<>();
        List<ConfigValue> serviceValues = d.list("services");
        for (int i = 0; i < serviceValues.size(); i++) {
            ConfigValue v = serviceValues.get(i);
            String path = d.where("services") + "[" + i + "]";
            if (v.valueType() != ConfigValueType.OBJECT) {
                d.problem("services", path + " must be an object { vip = ..., port = ..., real-servers = [...] }");
                continue;
            }
            ConfigObject raw = (ConfigObject) v;
            Section s = new Section(raw.withFallback(serviceDefaults.object), path, raw.origin(), problems);
            ServiceConfig service = service(s, raw, realServerDefaults.object, checkDefaults.object);
            if (service == null) {
                d.incomplete = true;
            } else {
                services.add(service);
            }
        }
        if (nodeId == null || iface == null || cluster == null || admin == null) {
            return null;
        }
        return source(new DirectorConfig(nodeId, iface, cluster, vips, sync, admin, announce, ipvs, notify, services), d);
    }

    /**
     * Checks the type of every value of a defaults section against reference.conf, so that a bad default is
     * reported even when no check of the type that uses it exists.
     */
    private void typeCheck(Section s, ConfigObject reference) {
        for (String key : reference.keySet()) {
            ConfigValue r = reference.get(key);
            if (!s.has(key)) {
                continue;
            }
            if (key.equals("expect")) {
                if (s.value(key).valueType() == ConfigValueType.LIST) {
                    statusRanges(s);
                }
                continue;
            }
            switch (r.valueType()) {
                case BOOLEAN -> s.bool(key);
                case NUMBER -> s.integer(key, false);
                case LIST -> s.list(key);
                case STRING -> {
                    if (String.valueOf(r.unwrapped()).matches("\\d+(ms|s|m|h)")) {
                        s.duration(key, Duration.ZERO);
                    } else {
                        s.string(key, false);
                    }
                }
                default -> {
                    if (key.equals("check")) {
                        s.object(key);
                    } else if (key.equals("port") || key.equals("fwmark")) {
                        s.integer(key, false);
                    } else {
                        s.string(key, false);
                    }
                }
            }
        }
    }

    private ClusterConfig cluster(Section c) {
        c.requireKnownKeys(ref("cluster").keySet());
        String name = c.string("name", true);
        Endpoint bind = c.endpoint("bind", true, DEFAULT_CLUSTER_PORT);
        List<Endpoint> members = new ArrayList<>();
        for (ConfigValue m : c.list("members")) {
            if (m.valueType() == ConfigValueType.STRING || m.valueType() == ConfigValueType.NUMBER) {
                Endpoint e = c.endpoint("members", String.valueOf(m.unwrapped()), DEFAULT_CLUSTER_PORT);
                if (e != null) {
                    members.add(e);
                }
            } else {
                c.problem("members", "each member must be a string \"ADDRESS:PORT\"");
            }
        }
        int priority = c.integer("priority", 100);
        boolean preempt = c.bool("preempt", true);
        Duration preemptDelay = c.duration("preempt-delay", Duration.ZERO);
        Optional<Path> keyFile = path(c, "key-file");
        MemberRole role = c.choice("role", ROLES, MemberRole.DIRECTOR);
        Duration join = c.duration("join-timeout", Duration.ofSeconds(3));
        Duration hbInterval = c.duration("heartbeat-interval", Duration.ofMillis(500));
        Duration hbTimeout = c.duration("heartbeat-timeout", Duration.ofSeconds(2));
        Duration probeInterval = c.duration("link-probe-interval", Duration.ofMillis(20));
        int probeMultiplier = c.integer("link-probe-multiplier", 4);
        if (name == null || bind == null) {
            return null;
        }
        return source(new ClusterConfig(name, bind, members, priority, preempt, preemptDelay, keyFile, role, join,
                hbInterval, hbTimeout, probeInterval, probeMultiplier), c);
    }

    private Optional<Path> path(Section s, String key) {
        String text = s.string(key, false);
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(text));
        } catch (InvalidPathException e) {
            s.problem(key, "invalid path \"" + text + "\"");
            return Optional.empty();
        }
    }

    private Vip vip(Section d, int index, ConfigValue v) {
        String path = d.where("vips") + "[" + index + "]";
        String text;
        Optional<String> iface = Optional.empty();
        Section s;
        if (v.valueType() == ConfigValueType.OBJECT) {
            s = new Section((ConfigObject) v, path, v.origin(), problems);
            s.requireKnownKeys(VIP_KEYS);
            text = s.string("address", true);
            iface = s.optionalString("interface");
        } else if (v.valueType() == ConfigValueType.STRING) {
            s = new Section(v.atKey("address").root(), path, v.origin(), problems);
            text = (String) v.unwrapped();
        } else {
            problems.add(v.origin(), path + ": expected \"ADDRESS/PREFIX\" or { address = ..., interface = ... }");
            return null;
        }
        if (text == null) {
            return null;
        }
        int slash = text.indexOf('/');
        InetAddress address;
        try {
            address = AddressText.address(slash < 0 ? text : text.substring(0, slash));
        } catch (IllegalArgumentException e) {
            s.problem("address", e.getMessage());
            return null;
        }
        int prefix = AddressText.maxPrefix(address);
        if (slash >= 0) {
            String p = text.substring(slash + 1);
            if (!p.matches("\\d{1,3}")) {
                s.problem("address", "invalid prefix length \"" + p + "\" in " + text);
                return null;
            }
            prefix = Integer.parseInt(p);
        }
        return source(new Vip(address, prefix, iface), s);
    }

    private SyncConfig sync(Section s) {
        s.requireKnownKeys(ref("sync").keySet());
        boolean enabled = s.bool("enabled", true);
        Optional<String> iface = s.optionalString("interface");
        int syncId = s.integer("sync-id", 0);
        Optional<InetAddress> group = Optional.ofNullable(s.address("multicast-group", false));
        OptionalInt port = s.optionalInteger("multicast-port");
        return source(new SyncConfig(enabled, iface, syncId, group, port), s);
    }

    private AdminConfig admin(Section s, String nodeId) {
        s.requireKnownKeys(ref("admin").keySet());
        Optional<Path> socket = path(s, "socket");
        Optional<Endpoint> metrics = Optional.ofNullable(s.endpoint("metrics", false, 0));
        Path socketPath = socket.orElse(Path.of("/run/director/" + (nodeId == null ? "director" : nodeId) + ".sock"));
        return source(new AdminConfig(socketPath, metrics), s);
    }

    private AnnounceConfig announce(Section s) {
        s.requireKnownKeys(ref("announce").keySet());
        return source(new AnnounceConfig(s.integer("burst-count", 5), s.duration("burst-spacing", Duration.ofMillis(100)),
                s.integer("refresh-count", 5), s.duration("refresh-delay", Duration.ofSeconds(5))), s);
    }

    private IpvsConfig ipvs(Section s) {
        s.requireKnownKeys(ref("ipvs").keySet());
        return source(new IpvsConfig(s.bool("owns-table", false), s.duration("drain-timeout", Duration.ofSeconds(60)),
                s.duration("repair-interval", Duration.ofSeconds(1))), s);
    }

    private NotifyConfig notify(Section s) {
        s.requireKnownKeys(ref("notify").keySet());
        return source(new NotifyConfig(s.optionalString("master"), s.optionalString("backup"), s.optionalString("fault"),
                s.optionalString("any"), s.optionalString("up"), s.optionalString("down"),
                s.duration("timeout", Duration.ofSeconds(10))), s);
    }

    private ServiceConfig service(Section s, ConfigObject raw, ConfigObject realServerDefaults, ConfigObject checkDefaults) {
        s.requireKnownKeys(ref("service-defaults").keySet());
        int before = problems.size();
        Protocol protocol = s.choice("protocol", PROTOCOLS, Protocol.TCP);
        Integer fwmark = s.integer("fwmark", false);
        InetAddress vip = s.address("vip", fwmark == null);
        int port = 0;
        if (fwmark == null) {
            port = s.integer("port", 80);
        } else if (raw.containsKey("port") && raw.get("port").valueType() != ConfigValueType.NULL) {
            s.problem("port", "a fwmark service has no port (the firewall mark selects its packets)");
        }
        if (fwmark != null && fwmark <= 0) {
            s.problem("fwmark", "fwmark must be a positive number, got " + fwmark);
        }
        String scheduler = s.choice("scheduler", SCHEDULERS, "wrr");
        Set<SchedulerFlag> flags = EnumSet.noneOf(SchedulerFlag.class);
        for (ConfigValue f : s.list("scheduler-flags")) {
            SchedulerFlag flag = s.choice("scheduler-flags", String.valueOf(f.unwrapped()), FLAGS, null);
            if (flag != null) {
                flags.add(flag);
            }
        }
        Forwarding forwarding = s.choice("forwarding", FORWARDINGS, Forwarding.DR);
        Duration persistence = s.duration("persistence", Duration.ZERO);
        boolean onePacket = s.bool("one-packet", false);
        int quorum = s.integer("quorum", 1);
        int hysteresis = s.integer("hysteresis", 0);
        OnFailure onFailure = s.choice("on-failure", ON_FAILURE, OnFailure.REMOVE);
        // Taken from the entry itself (or service-defaults), not from the merge: an object merged over a null
        // default ignores any further fallback, and the check still needs check-defaults.
        ConfigObject serviceCheckRaw = s.object("check") == null ? null
                : raw.containsKey("check") ? (ConfigObject) raw.get("check") : unmergedCheck(s.object("check"));
        Optional<CheckConfig> check = Optional.empty();
        if (serviceCheckRaw != null) {
            check = Optional.ofNullable(check(s, "check", serviceCheckRaw, serviceCheckRaw.withFallback(checkDefaults)));
        }

        List<RealServerConfig> realServers = new ArrayList<>();
        List<ConfigValue> rsValues = s.list("real-servers");
        if (vip == null && fwmark != null) {
            vip = familyOf(rsValues);
        }
        int persistenceNetmask = vip == null ? 32 : netmask(s, vip);
        Endpoint sorry = s.endpoint("sorry-server", false, port);
        for (int i = 0; i < rsValues.size(); i++) {
            ConfigValue v = rsValues.get(i);
            String path = s.where("real-servers") + "[" + i + "]";
            if (v.valueType() != ConfigValueType.OBJECT) {
                problems.add(v.origin(), path + ": a real server must be an object { address = ..., port = ..., weight = ... }");
                s.incomplete = true;
                continue;
            }
            ConfigObject rsRaw = (ConfigObject) v;
            Section r = new Section(rsRaw.withFallback(realServerDefaults), path, rsRaw.origin(), problems);
            RealServerConfig rs = realServer(r, rsRaw, port, serviceCheckRaw, checkDefaults);
            if (rs == null) {
                s.incomplete = true;
            } else {
                realServers.add(rs);
            }
        }
        if (vip == null) {
            return null;
        }
        ServiceId id = fwmark != null ? new ServiceId(protocol, vip, 0, Math.max(fwmark, 0)) : ServiceId.of(protocol, vip, port);
        if (problems.size() > before && fwmark != null && fwmark <= 0) {
            return null;
        }
        return source(new ServiceConfig(id, scheduler, flags, forwarding, persistence, persistenceNetmask, onePacket,
                new Quorum(quorum, hysteresis), Optional.ofNullable(sorry), onFailure, check, realServers), s);
    }

    /** A check object from a defaults section, made mergeable again (see {@link #service}). */
    private static ConfigObject unmergedCheck(ConfigObject merged) {
        return com.typesafe.config.ConfigFactory.parseMap(merged.unwrapped(), merged.origin().description()).root()
                .withOrigin(merged.origin());
    }

    /** A fwmark service without a vip takes its address family from its real servers (IPv4 if unknown). */
    private static InetAddress familyOf(List<ConfigValue> realServers) {
        for (ConfigValue v : realServers) {
            if (v instanceof ConfigObject o && o.get("address") != null && String.valueOf(o.get("address").unwrapped()).contains(":")) {
                return AddressText.address("::");
            }
        }
        return AddressText.address("0.0.0.0");
    }

    private int netmask(Section s, InetAddress vip) {
        ConfigValue v = s.value("persistence-netmask");
        int max = AddressText.maxPrefix(vip);
        if (v == null) {
            return max;
        }
        if (v.valueType() == ConfigValueType.NUMBER) {
            Integer n = s.integer("persistence-netmask", v);
            return n == null ? max : n;
        }
        String text = s.string("persistence-netmask", false);
        if (text == null) {
            return max;
        }
        try {
            int p = AddressText.prefixOfMask(text);
            if (vip instanceof Inet6Address && text.contains(".")) {
                s.problem("persistence-netmask", "an IPv6 service takes a prefix length, not " + text);
                return max;
            }
            return p;
        } catch (IllegalArgumentException e) {
            s.problem("persistence-netmask", e.getMessage());
            return max;
        }
    }

    private RealServerConfig realServer(Section r, ConfigObject raw, int servicePort, ConfigObject serviceCheckRaw,
                                        ConfigObject checkDefaults) {
        r.requireKnownKeys(ref("real-server-defaults").keySet());
        InetAddress address = r.address("address", true);
        Integer port = r.integer("port", false);
        int weight = r.integer("weight", 1);
        int upper = r.integer("upper-threshold", 0);
        int lower = r.integer("lower-threshold", 0);
        ConfigObject checkRaw = r.object("check") == null ? null
                : raw.containsKey("check") ? (ConfigObject) raw.get("check") : unmergedCheck(r.object("check"));
        Optional<CheckConfig> check = Optional.empty();
        if (checkRaw != null) {
            ConfigObject merged = checkRaw;
            if (serviceCheckRaw != null) {
                merged = merged.withFallback(serviceCheckRaw);
            }
            check = Optional.ofNullable(check(r, "check", checkRaw, merged.withFallback(checkDefaults)));
        }
        if (address == null) {
            return null;
        }
        return source(new RealServerConfig(address, port == null ? servicePort : port, weight, upper, lower, check), r);
    }

    private CheckConfig check(Section owner, String key, ConfigObject raw, ConfigObject merged) {
        Section c = new Section(merged, owner.where(key), raw.origin(), problems);
        c.requireKnownKeys(ref("check-defaults").keySet());
        String type = c.choice("type", CHECK_TYPES, null);
        if (type == null) {
            return null;
        }
        Set<String> applicable = CHECK_KEYS.get(type);
        for (String k : raw.keySet()) {
            if (!COMMON_CHECK_KEYS.contains(k) && !applicable.contains(k) && ref("check-defaults").containsKey(k)) {
                c.problem(k, "key \"" + k + "\" does not apply to a " + type + " check (it takes: "
                        + String.join(", ", applicable.stream().sorted().toList()) + ")");
            }
        }
        CheckTiming timing = new CheckTiming(c.duration("interval", Duration.ofSeconds(2)),
                c.duration("timeout", Duration.ofSeconds(1)), c.integer("rise", 2), c.integer("fall", 2),
                c.choice("initial-state", INITIAL_STATES, false));
        CheckConfig check = switch (type) {
            case "http", "https" -> new HttpCheck(timing, type.equals("https"), Optional.ofNullable(c.string("path", true)).orElse("/"),
                    c.optionalString("host"), statusRanges(c), c.optionalString("body"), c.bool("verify-tls", false),
                    c.optionalString("sni"), c.optionalInteger("port"), c.bool("keep-alive", false));
            case "tcp" -> new TcpCheck(timing, c.optionalInteger("port"), c.optionalString("send"), c.optionalString("expect"));
            default -> {
                String command = c.string("command", true);
                yield command == null ? null : new ScriptCheck(timing, command);
            }
        };
        return source(check, c);
    }

    private List<StatusRange> statusRanges(Section c) {
        ConfigValue v = c.value("expect");
        if (v == null) {
            return List.of(new StatusRange(200, 299));
        }
        List<ConfigValue> values = v.valueType() == ConfigValueType.LIST ? c.list("expect") : List.of(v);
        List<StatusRange> out = new ArrayList<>();
        for (ConfigValue e : values) {
            String text = String.valueOf(e.unwrapped()).trim();
            if (text.matches("\\d{3}")) {
                out.add(StatusRange.of(Integer.parseInt(text)));
            } else if (text.matches("\\d{3}\\s*-\\s*\\d{3}")) {
                String[] parts = text.split("-");
                out.add(new StatusRange(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())));
            } else {
                c.problem("expect", "expected HTTP status codes such as 200 or \"200-299\", got \""
                        + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "\"");
            }
        }
        return out.isEmpty() && c.failed.contains("expect") ? List.of(new StatusRange(200, 299)) : out;
    }
}
