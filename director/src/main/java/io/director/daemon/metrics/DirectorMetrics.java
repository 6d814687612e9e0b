package io.director.daemon.metrics;

import io.director.ipvs.IpvsTable;
import io.director.ipvs.ObservedDest;
import io.director.ipvs.Stats;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/**
 * Everything Director exports to Prometheus, in one registry. The daemon reports events and state
 * through the methods here; {@link MetricsServer} serves the registry. Label values: {@code service}
 * is "tcp 198.51.100.100:80" (or "fwmark 5"), {@code real_server} is "198.51.100.11:80".
 * IPVS counters are read from the last table given to {@link #ipvsStats}, so a service removed from
 * the kernel disappears from the output rather than freezing at its last value.
 */
public final class DirectorMetrics {
    private static final double[] CHECK_LATENCY_BUCKETS =
            {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Set<String> rolesSeen = ConcurrentHashMap.newKeySet();
    private volatile IpvsTable table = new IpvsTable(java.util.List.of());

    private final Gauge role = Gauge.builder().name("director_role")
            .help("1 for the role this node holds now, 0 for roles it held before").labelNames("role").register(registry);
    private final Gauge clusterMembers = Gauge.builder().name("director_cluster_members")
            .help("Members in this node's current cluster view, itself included").register(registry);
    private final Counter roleTransitions = Counter.builder().name("director_role_transitions_total")
            .help("Role changes of this node").labelNames("from", "to").register(registry);
    private final Counter checks = Counter.builder().name("director_checks_total")
            .help("Health checks completed, by outcome").labelNames("service", "real_server", "result").register(registry);
    private final Histogram checkLatency = Histogram.builder().name("director_check_duration_seconds")
            .help("Time a health check took, failed ones included").unit(Unit.SECONDS)
            .classicOnly().classicUpperBounds(CHECK_LATENCY_BUCKETS)
            .labelNames("service", "real_server").register(registry);
    private final Gauge healthy = Gauge.builder().name("director_healthy_real_servers")
            .help("Real servers of a service that pass their checks now").labelNames("service").register(registry);
    private final Counter reloads = Counter.builder().name("director_reloads_total")
            .help("Configuration reloads, applied or refused").labelNames("result").register(registry);
    private final Counter driftRepairs = Counter.builder().name("director_drift_repairs_total")
            .help("Times the kernel was found changed behind Director's back and repaired").register(registry);
    private final Counter driftRepairOps = Counter.builder().name("director_drift_repair_operations_total")
            .help("Kernel operations issued to repair drift").register(registry);

    public DirectorMetrics() {
        reloads.labelValues("applied");
        reloads.labelValues("refused");
        serviceCounter("director_ipvs_service_connections_total", "Connections IPVS scheduled to a service", Stats::connections);
        serviceCounter("director_ipvs_service_packets_in_total", "Packets in to a service", Stats::packetsIn);
        serviceCounter("director_ipvs_service_packets_out_total", "Packets out from a service", Stats::packetsOut);
        serviceCounter("director_ipvs_service_bytes_in_total", "Bytes in to a service", Stats::bytesIn);
        serviceCounter("director_ipvs_service_bytes_out_total", "Bytes out from a service", Stats::bytesOut);
        destCounter("director_ipvs_real_server_connections_total", "Connections IPVS scheduled to a real server", Stats::connections);
        destCounter("director_ipvs_real_server_packets_in_total", "Packets in to a real server", Stats::packetsIn);
        destCounter("director_ipvs_real_server_packets_out_total", "Packets out from a real server", Stats::packetsOut);
        destCounter("director_ipvs_real_server_bytes_in_total", "Bytes in to a real server", Stats::bytesIn);
        destCounter("director_ipvs_real_server_bytes_out_total", "Bytes out from a real server", Stats::bytesOut);
        destGauge("director_ipvs_real_server_active_connections", "Established connections to a real server now",
                ObservedDest::activeConnections);
        destGauge("director_ipvs_real_server_inactive_connections", "Other (closing, idle) connections to a real server now",
                ObservedDest::inactiveConnections);
        destGauge("director_ipvs_real_server_weight", "The real server's weight in the kernel now",
                d -> d.spec().weight());
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** This node holds {@code role} now ("master", "backup", ...; label values are lower case). */
    public void role(String role) {
        role = role.toLowerCase(Locale.ROOT);
        rolesSeen.add(role);
        for (String r : rolesSeen) {
            this.role.labelValues(r).set(r.equals(role) ? 1 : 0);
        }
    }

    public void clusterMembers(int n) {
        clusterMembers.set(n);
    }

    public void roleTransition(String from, String to) {
        roleTransitions.labelValues(from.toLowerCase(Locale.ROOT), to.toLowerCase(Locale.ROOT)).inc();
    }

    public void checkResult(String service, String realServer, boolean ok, Duration latency) {
        checks.labelValues(service, realServer, ok ? "ok" : "failed").inc();
        checkLatency.labelValues(service, realServer).observe(latency.toNanos() / 1e9);
    }

    public void healthyRealServers(String service, int n) {
        healthy.labelValues(service).set(n);
    }

    /** Forgets a real server's check series, after it left the configuration. */
    public void realServerRemoved(String service, String realServer) {
        checks.remove(service, realServer, "ok");
        checks.remove(service, realServer, "failed");
        checkLatency.remove(service, realServer);
    }

    /** Forgets a service's series, after it left the configuration. */
    public void serviceRemoved(String service) {
        healthy.remove(service);
    }

    /** The kernel's table as last read; the IPVS series follow it. */
    public void ipvsStats(IpvsTable table) {
        this.table = table;
    }

    public void reloadApplied() {
        reloads.labelValues("applied").inc();
    }

    public void reloadRefused() {
        reloads.labelValues("refused").inc();
    }

    /** A drift repair that took {@code ops} kernel operations. */
    public void driftRepaired(int ops) {
        driftRepairs.inc();
        driftRepairOps.inc(ops);
    }

    private void serviceCounter(String name, String help, ToLongFunction<Stats> value) {
        CounterWithCallback.builder().name(name).help(help).labelNames("service").callback(cb -> {
            for (IpvsTable.Entry e : table.services()) {
                cb.call(value.applyAsLong(e.service().stats()), e.service().key().toString());
            }
        }).register(registry);
    }

    private void destCounter(String name, String help, ToLongFunction<Stats> value) {
        CounterWithCallback.builder().name(name).help(help).labelNames("service", "real_server").callback(cb -> {
            for (IpvsTable.Entry e : table.services()) {
                for (ObservedDest d : e.dests()) {
                    cb.call(value.applyAsLong(d.stats()), e.service().key().toString(), d.key().toString());
                }
            }
        }).register(registry);
    }

    private void destGauge(String name, String help, ToLongFunction<ObservedDest> value) {
        GaugeWithCallback.builder().name(name).help(help).labelNames("service", "real_server").callback(cb -> {
            for (IpvsTable.Entry e : table.services()) {
                for (ObservedDest d : e.dests()) {
                    cb.call(value.applyAsLong(d), e.service().key().toString(), d.key().toString());
                }
            }
        }).register(registry);
    }
}
