package io.director.daemon;

import io.director.config.model.DirectorConfig;
import io.director.config.model.RealServerConfig;
import io.director.config.model.ServiceConfig;
import io.director.config.model.Vip;
import io.director.failover.runtime.ClusterView;
import io.director.healthcheck.HealthSnapshot;
import io.director.ipvs.DestKey;
import io.director.ipvs.IpvsTable;
import io.director.ipvs.ObservedDest;
import io.director.ipvs.SyncDaemon;
import io.director.plan.DesiredTables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What `director status` shows: role, members, VIPs, sync daemons and, per service and real server,
 * health, configured and kernel weight, last check and connections. Built as plain maps so the same
 * data prints as text or JSON.
 */
public record Status(Map<String, Object> data) {

    static Status of(DirectorConfig config, ClusterView view, HealthSnapshot health, IpvsTable table,
                     boolean vipsHeld, List<SyncDaemon> syncDaemons) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("node", config.nodeId());
        d.put("role", view.role().name());
        d.put("master", view.master().orElse(null));
        d.put("reason", view.reason());
        d.put("cluster", config.cluster().name());
        List<Object> members = new ArrayList<>();
        for (ClusterView.Member m : view.members()) {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("node", m.nodeId());
            mm.put("kind", m.memberRole().name().toLowerCase());
            mm.put("role", m.role().name());
            mm.put("priority", m.priority());
            mm.put("link-suspected", m.linkSuspected());
            members.add(mm);
        }
        d.put("members", members);
        List<Object> vips = new ArrayList<>();
        for (Vip v : config.vips()) {
            vips.add(Map.of("vip", v.toString(), "held", vipsHeld));
        }
        d.put("vips", vips);
        d.put("sync-daemons", syncDaemons.stream().map(SyncDaemon::toString).toList());
        List<Object> services = new ArrayList<>();
        if (health != null) {
            for (ServiceConfig s : config.services()) {
                services.add(service(s, health, table));
            }
        }
        d.put("services", services);
        return new Status(d);
    }

    private static Map<String, Object> service(ServiceConfig s, HealthSnapshot health, IpvsTable table) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service", s.id().toString());
        m.put("scheduler", s.scheduler());
        m.put("forwarding", s.forwarding().name().toLowerCase());
        Optional<HealthSnapshot.Service> hs = health.service(s.id());
        m.put("quorum", hs.map(HealthSnapshot.Service::quorum).orElse(true));
        m.put("healthy", hs.map(HealthSnapshot.Service::healthy).orElse(s.realServers().size()));
        m.put("real-servers-configured", s.realServers().size());
        var entry = table == null ? Optional.<IpvsTable.Entry>empty() : table.find(DesiredTables.key(s.id()));
        m.put("in-kernel", entry.isPresent());
        List<Object> rss = new ArrayList<>();
        for (RealServerConfig rs : s.realServers()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("real-server", rs.id().toString());
            var h = hs.flatMap(x -> x.realServer(rs.id()));
            r.put("health", h.map(x -> x.up() ? "up" : "down").orElse("unknown"));
            r.put("checked", h.map(HealthSnapshot.RealServer::checked).orElse(false));
            r.put("weight", rs.weight());
            Optional<ObservedDest> od = entry.flatMap(e -> e.dests().stream()
                    .filter(x -> x.spec().key().equals(DestKey.of(rs.address(), rs.port()))).findFirst());
            r.put("kernel-weight", od.map(x -> (Object) x.spec().weight()).orElse("absent"));
            r.put("active", od.map(ObservedDest::activeConnections).orElse(0));
            r.put("inactive", od.map(ObservedDest::inactiveConnections).orElse(0));
            h.flatMap(HealthSnapshot.RealServer::lastCheck).ifPresent(lc -> {
                r.put("last-check", lc.ok() ? "ok" : "failed");
                r.put("last-detail", lc.detail());
                r.put("latency-ms", lc.latency().toNanos() / 1e6);
                r.put("last-check-at", lc.at().toString());
            });
            rss.add(r);
        }
        m.put("real-servers", rss);
        s.sorryServer().ifPresent(sorry -> m.put("sorry-server", sorry.toString()));
        return m;
    }

    public String json() {
        return Json.write(data);
    }

    @SuppressWarnings("unchecked")
    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("node ").append(data.get("node")).append("  role ").append(data.get("role"))
                .append("  master ").append(data.get("master") == null ? "-" : data.get("master"))
                .append("  cluster ").append(data.get("cluster")).append('\n');
        sb.append("members:\n");
        for (Object o : (List<Object>) data.get("members")) {
            Map<String, Object> m = (Map<String, Object>) o;
            sb.append(String.format("  %-10s %-8s %-8s priority %s%s%n", m.get("node"), m.get("kind"), m.get("role"),
                    m.get("priority"), Boolean.TRUE.equals(m.get("link-suspected")) ? "  (link suspected)" : ""));
        }
        sb.append("vips:\n");
        for (Object o : (List<Object>) data.get("vips")) {
            Map<String, Object> v = (Map<String, Object>) o;
            sb.append("  ").append(v.get("vip")).append(Boolean.TRUE.equals(v.get("held")) ? "  held" : "  not held").append('\n');
        }
        for (Object o : (List<Object>) data.get("sync-daemons")) {
            sb.append("sync: ").append(o).append('\n');
        }
        for (Object o : (List<Object>) data.get("services")) {
            Map<String, Object> s = (Map<String, Object>) o;
            sb.append(String.format("%s %s %s  healthy %s/%s  quorum %s%s%n", s.get("service"), s.get("scheduler"),
                    s.get("forwarding"), s.get("healthy"), s.get("real-servers-configured"),
                    Boolean.TRUE.equals(s.get("quorum")) ? "ok" : "LOST",
                    s.containsKey("sorry-server") ? "  sorry " + s.get("sorry-server") : ""));
            for (Object ro : (List<Object>) s.get("real-servers")) {
                Map<String, Object> r = (Map<String, Object>) ro;
                sb.append(String.format("  -> %-22s %-5s weight %s/%s  active %s inactive %s%s%n", r.get("real-server"),
                        r.get("health"), r.get("kernel-weight"), r.get("weight"), r.get("active"), r.get("inactive"),
                        r.containsKey("last-check") ? String.format("  last %s %.1f ms %s", r.get("last-check"),
                                (Double) r.get("latency-ms"), r.get("last-detail")) : ""));
            }
        }
        return sb.toString();
    }
}
