package io.director.config.core;

import io.director.config.core.ConfigChange.CheckChanged;
import io.director.config.core.ConfigChange.ClusterChanged;
import io.director.config.core.ConfigChange.OrderChanged;
import io.director.config.core.ConfigChange.RealServerAdded;
import io.director.config.core.ConfigChange.RealServerChanged;
import io.director.config.core.ConfigChange.RealServerRemoved;
import io.director.config.core.ConfigChange.SectionChanged;
import io.director.config.core.ConfigChange.ServiceAdded;
import io.director.config.core.ConfigChange.ServiceChanged;
import io.director.config.core.ConfigChange.ServiceRemoved;
import io.director.config.core.ConfigChange.VipsChanged;
import io.director.config.model.AdminConfig;
import io.director.config.model.AnnounceConfig;
import io.director.config.model.DirectorConfig;
import io.director.config.model.IpvsConfig;
import io.director.config.model.NotifyConfig;
import io.director.config.model.RealServerConfig;
import io.director.config.model.RealServerId;
import io.director.config.model.ServiceConfig;
import io.director.config.model.ServiceId;
import io.director.config.model.SyncConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The minimal set of changes from one configuration to another, and the inverse: {@code apply(a, diff(a, b))}
 * equals {@code b}. Services are matched by {@link ServiceId}, real servers by {@link RealServerId}; both
 * must be unique (as validation guarantees). Pure.
 */
public final class ConfigDiff {
    private ConfigDiff() {}

    /** Service components that are not settings: identity, default check, real servers. */
    private static final Set<String> SERVICE_PARTS = Set.of("id", "check", "realServers");
    private static final Set<String> REAL_SERVER_PARTS = Set.of("address", "port", "check");

    public static List<ConfigChange> diff(DirectorConfig a, DirectorConfig b) {
        List<ConfigChange> out = new ArrayList<>();
        if (!a.nodeId().equals(b.nodeId())) {
            out.add(new SectionChanged("node-id", b.nodeId(), List.of(new FieldChange("node-id", a.nodeId(), b.nodeId()))));
        }
        if (!a.interfaceName().equals(b.interfaceName())) {
            out.add(new SectionChanged("interface", b.interfaceName(),
                    List.of(new FieldChange("interface", a.interfaceName(), b.interfaceName()))));
        }
        if (!a.cluster().equals(b.cluster())) {
            out.add(new ClusterChanged(a.cluster(), b.cluster(), FieldChange.between(a.cluster(), b.cluster(), Set.of())));
        }
        if (!a.vips().equals(b.vips())) {
            out.add(new VipsChanged(a.vips(), b.vips()));
        }
        section(out, "sync", a.sync(), b.sync());
        section(out, "admin", a.admin(), b.admin());
        section(out, "announce", a.announce(), b.announce());
        section(out, "ipvs", a.ipvs(), b.ipvs());
        section(out, "notify", a.notifications(), b.notifications());
        services(out, a.services(), b.services());
        return out;
    }

    private static void section(List<ConfigChange> out, String name, Record a, Record b) {
        if (!a.equals(b)) {
            out.add(new SectionChanged(name, b, FieldChange.between(a, b, Set.of())));
        }
    }

    private static void services(List<ConfigChange> out, List<ServiceConfig> a, List<ServiceConfig> b) {
        if (sameServicesInOrder(a, b)) {
            // The usual reload (settings of a few services changed): no maps over every service, which cost
            // milliseconds for a few thousand services while the JIT has not compiled this code yet.
            for (int i = 0; i < b.size(); i++) {
                ServiceConfig old = a.get(i);
                ServiceConfig s = b.get(i);
                if (old != s && !old.equals(s)) { // a reload reuses unchanged services: skip their deep compare
                    service(out, old, s);
                }
            }
            return;
        }
        Map<ServiceId, ServiceConfig> before = byId(a);
        Map<ServiceId, ServiceConfig> after = byId(b);
        for (ServiceConfig s : a) {
            if (!after.containsKey(s.id())) {
                out.add(new ServiceRemoved(s));
            }
        }
        for (ServiceConfig s : b) {
            ServiceConfig old = before.get(s.id());
            if (old == null) {
                out.add(new ServiceAdded(s));
            } else if (old != s && !old.equals(s)) { // a reload reuses unchanged services: skip their deep compare
                service(out, old, s);
            }
        }
        List<ServiceId> kept = new ArrayList<>(a.stream().map(ServiceConfig::id).filter(after::containsKey).toList());
        b.stream().map(ServiceConfig::id).filter(id -> !before.containsKey(id)).forEach(kept::add);
        List<ServiceId> wanted = b.stream().map(ServiceConfig::id).toList();
        if (!kept.equals(wanted)) {
            out.add(new OrderChanged(Optional.empty(), List.copyOf(wanted)));
        }
    }

    /**
     * Whether {@code b} lists the services of {@code a} (by id; ids are unique in a valid file) in the same order,
     * as after a reload that changed services in place: then the services at one index are the same one, and
     * only where the objects differ (a reload reuses unchanged ones) is there anything to look at.
     */
    public static boolean sameServicesInOrder(List<ServiceConfig> a, List<ServiceConfig> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i) && !a.get(i).id().equals(b.get(i).id())) {
                return false;
            }
        }
        return true;
    }

    private static void service(List<ConfigChange> out, ServiceConfig a, ServiceConfig b) {
        List<FieldChange> settings = FieldChange.between(a, b, SERVICE_PARTS);
        if (!settings.isEmpty()) {
            out.add(new ServiceChanged(b.id(), b, settings));
        }
        if (!a.check().equals(b.check())) {
            out.add(new CheckChanged(b.id(), Optional.empty(), a.check(), b.check()));
        }
        Map<RealServerId, RealServerConfig> before = realServersById(a.realServers());
        Map<RealServerId, RealServerConfig> after = realServersById(b.realServers());
        for (RealServerConfig r : a.realServers()) {
            if (!after.containsKey(r.id())) {
                out.add(new RealServerRemoved(b.id(), r));
            }
        }
        for (RealServerConfig r : b.realServers()) {
            RealServerConfig old = before.get(r.id());
            if (old == null) {
                out.add(new RealServerAdded(b.id(), r));
                continue;
            }
            List<FieldChange> fields = FieldChange.between(old, r, REAL_SERVER_PARTS);
            if (!fields.isEmpty()) {
                out.add(new RealServerChanged(b.id(), r, fields));
            }
            if (!old.check().equals(r.check())) {
                out.add(new CheckChanged(b.id(), Optional.of(r.id()), old.check(), r.check()));
            }
        }
        List<RealServerId> kept = new ArrayList<>(a.realServers().stream().map(RealServerConfig::id).filter(after::containsKey).toList());
        b.realServers().stream().map(RealServerConfig::id).filter(id -> !before.containsKey(id)).forEach(kept::add);
        List<RealServerId> wanted = b.realServers().stream().map(RealServerConfig::id).toList();
        if (!kept.equals(wanted)) {
            out.add(new OrderChanged(Optional.of(b.id()), List.copyOf(wanted)));
        }
    }

    /** The services by id, in their order (the first of a duplicated id, which a valid file does not have). */
    public static Map<ServiceId, ServiceConfig> byId(List<ServiceConfig> services) {
        Map<ServiceId, ServiceConfig> m = new LinkedHashMap<>();
        services.forEach(s -> m.putIfAbsent(s.id(), s));
        return m;
    }

    private static Map<RealServerId, RealServerConfig> realServersById(List<RealServerConfig> realServers) {
        Map<RealServerId, RealServerConfig> m = new LinkedHashMap<>();
        realServers.forEach(r -> m.putIfAbsent(r.id(), r));
        return m;
    }

    /** Replays changes onto a configuration. */
    public static DirectorConfig apply(DirectorConfig c, List<ConfigChange> changes) {
        String nodeId = c.nodeId();
        String iface = c.interfaceName();
        var cluster = c.cluster();
        var vips = c.vips();
        SyncConfig sync = c.sync();
        AdminConfig admin = c.admin();
        AnnounceConfig announce = c.announce();
        IpvsConfig ipvs = c.ipvs();
        NotifyConfig notify = c.notifications();
        Map<ServiceId, ServiceConfig> services = byId(c.services());
        for (ConfigChange change : changes) {
            if (change instanceof SectionChanged s) {
                switch (s.section()) {
                    case "node-id" -> nodeId = (String) s.after();
                    case "interface" -> iface = (String) s.after();
                    case "sync" -> sync = (SyncConfig) s.after();
                    case "admin" -> admin = (AdminConfig) s.after();
                    case "announce" -> announce = (AnnounceConfig) s.after();
                    case "ipvs" -> ipvs = (IpvsConfig) s.after();
                    case "notify" -> notify = (NotifyConfig) s.after();
                    default -> throw new IllegalArgumentException("unknown section " + s.section());
                }
            } else if (change instanceof ClusterChanged k) {
                cluster = k.after();
            } else if (change instanceof VipsChanged v) {
                vips = v.after();
            } else if (change instanceof ServiceAdded s) {
                services.put(s.service().id(), s.service());
            } else if (change instanceof ServiceRemoved s) {
                services.remove(s.service().id());
            } else if (change instanceof OrderChanged o && o.service().isEmpty()) {
                Map<ServiceId, ServiceConfig> reordered = new LinkedHashMap<>();
                for (Object id : o.order()) {
                    reordered.put((ServiceId) id, services.get(id));
                }
                services = reordered;
            } else {
                ServiceId id = serviceOf(change);
                ServiceConfig s = Objects.requireNonNull(services.get(id), () -> "no service " + id);
                services.put(id, applyToService(s, change));
            }
        }
        return new DirectorConfig(nodeId, iface, cluster, vips, sync, admin, announce, ipvs, notify,
                List.copyOf(services.values()));
    }

    private static ServiceId serviceOf(ConfigChange change) {
        if (change instanceof ServiceChanged s) {
            return s.id();
        } else if (change instanceof CheckChanged s) {
            return s.service();
        } else if (change instanceof RealServerAdded s) {
            return s.service();
        } else if (change instanceof RealServerRemoved s) {
            return s.service();
        } else if (change instanceof RealServerChanged s) {
            return s.service();
        } else if (change instanceof OrderChanged s) {
            return s.service().orElseThrow();
        }
        throw new IllegalArgumentException("not a service change: " + change);
    }

    private static ServiceConfig applyToService(ServiceConfig s, ConfigChange change) {
        if (change instanceof ServiceChanged c) {
            ServiceConfig n = c.after();
            return new ServiceConfig(s.id(), n.scheduler(), n.schedulerFlags(), n.forwarding(), n.persistence(),
                    n.persistenceNetmask(), n.onePacket(), n.quorum(), n.sorryServer(), n.onFailure(), s.check(), s.realServers());
        }
        if (change instanceof CheckChanged c && c.realServer().isEmpty()) {
            return withRealServers(s, c.after(), s.realServers());
        }
        Map<RealServerId, RealServerConfig> rs = realServersById(s.realServers());
        if (change instanceof CheckChanged c) {
            RealServerConfig r = rs.get(c.realServer().get());
            rs.put(r.id(), new RealServerConfig(r.address(), r.port(), r.weight(), r.upperThreshold(), r.lowerThreshold(), c.after()));
        } else if (change instanceof RealServerAdded c) {
            rs.put(c.realServer().id(), c.realServer());
        } else if (change instanceof RealServerRemoved c) {
            rs.remove(c.realServer().id());
        } else if (change instanceof RealServerChanged c) {
            RealServerConfig r = rs.get(c.after().id());
            RealServerConfig n = c.after();
            rs.put(r.id(), new RealServerConfig(r.address(), r.port(), n.weight(), n.upperThreshold(), n.lowerThreshold(), r.check()));
        } else if (change instanceof OrderChanged o) {
            Map<RealServerId, RealServerConfig> reordered = new LinkedHashMap<>();
            for (Object id : o.order()) {
                reordered.put((RealServerId) id, rs.get(id));
            }
            rs = reordered;
        }
        return withRealServers(s, s.check(), List.copyOf(rs.values()));
    }

    private static ServiceConfig withRealServers(ServiceConfig s, Optional<io.director.config.model.CheckConfig> check,
                                                 List<RealServerConfig> realServers) {
        return new ServiceConfig(s.id(), s.scheduler(), s.schedulerFlags(), s.forwarding(), s.persistence(),
                s.persistenceNetmask(), s.onePacket(), s.quorum(), s.sorryServer(), s.onFailure(), check, realServers);
    }
}
