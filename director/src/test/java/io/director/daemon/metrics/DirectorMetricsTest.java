package io.director.daemon.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.director.ipvs.DestKey;
import io.director.ipvs.DestSpec;
import io.director.ipvs.Forwarding;
import io.director.ipvs.IpvsTable;
import io.director.ipvs.ObservedDest;
import io.director.ipvs.ObservedService;
import io.director.ipvs.Protocol;
import io.director.ipvs.ServiceKey;
import io.director.ipvs.ServiceSpec;
import io.director.ipvs.Stats;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scrapes the real endpoint over loopback, as Prometheus would. */
class DirectorMetricsTest {
    private static final String SVC = "tcp 198.51.100.100:80";
    private static final String RS1 = "198.51.100.11:80";

    final DirectorMetrics metrics = new DirectorMetrics();
    MetricsServer server;

    @BeforeEach
    void start() throws Exception {
        server = MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), metrics);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void roleAndClusterSize() throws Exception {
        metrics.role("backup");
        metrics.role("MASTER");
        metrics.roleTransition("BACKUP", "MASTER");
        metrics.clusterMembers(3);
        String text = scrape();
        assertThat(text).contains("director_role{role=\"master\"} 1.0\n", "director_role{role=\"backup\"} 0.0\n",
                "director_role_transitions_total{from=\"backup\",to=\"master\"} 1.0\n", "director_cluster_members 3.0\n");
    }

    @Test
    void checkResultsAndLatency() throws Exception {
        metrics.checkResult(SVC, RS1, true, Duration.ofMillis(3));
        metrics.checkResult(SVC, RS1, true, Duration.ofMillis(30));
        metrics.checkResult(SVC, RS1, false, Duration.ofMillis(500));
        metrics.healthyRealServers(SVC, 2);
        String text = scrape();
        String l = "real_server=\"" + RS1 + "\"";
        assertThat(text).contains(
                "director_checks_total{" + l + ",result=\"ok\",service=\"" + SVC + "\"} 2.0\n",
                "director_checks_total{" + l + ",result=\"failed\",service=\"" + SVC + "\"} 1.0\n",
                "director_check_duration_seconds_bucket{" + l + ",service=\"" + SVC + "\",le=\"0.005\"} 1\n",
                "director_check_duration_seconds_bucket{" + l + ",service=\"" + SVC + "\",le=\"0.05\"} 2\n",
                "director_check_duration_seconds_bucket{" + l + ",service=\"" + SVC + "\",le=\"0.5\"} 3\n",
                "director_check_duration_seconds_count{" + l + ",service=\"" + SVC + "\"} 3\n",
                "director_check_duration_seconds_sum{" + l + ",service=\"" + SVC + "\"} 0.533\n",
                "director_healthy_real_servers{service=\"" + SVC + "\"} 2.0\n");
        metrics.realServerRemoved(SVC, RS1);
        metrics.serviceRemoved(SVC);
        assertThat(scrape()).doesNotContain(RS1).doesNotContain("director_healthy_real_servers{");
    }

    @Test
    void ipvsCountersFollowTheLastTable() throws Exception {
        ServiceKey key = ServiceKey.of(Protocol.TCP, InetAddress.getByName("198.51.100.100"), 80);
        DestKey rs1 = DestKey.of(InetAddress.getByName("198.51.100.11"), 80);
        Stats svcStats = new Stats(10, 100, 90, 10_000, 20_000, 0, 0, 0, 0, 0);
        Stats rsStats = new Stats(7, 70, 60, 7_000, 14_000, 0, 0, 0, 0, 0);
        metrics.ipvsStats(new IpvsTable(List.of(new IpvsTable.Entry(
                new ObservedService(ServiceSpec.of(key, "wrr"), svcStats),
                List.of(new ObservedDest(DestSpec.of(rs1, Forwarding.DR, 2), 4, 3, 0, rsStats))))));
        String text = scrape();
        String l = "{real_server=\"" + RS1 + "\",service=\"" + SVC + "\"}";
        assertThat(text).contains(
                "director_ipvs_service_connections_total{service=\"" + SVC + "\"} 10.0\n",
                "director_ipvs_service_packets_in_total{service=\"" + SVC + "\"} 100.0\n",
                "director_ipvs_service_packets_out_total{service=\"" + SVC + "\"} 90.0\n",
                "director_ipvs_service_bytes_in_total{service=\"" + SVC + "\"} 10000.0\n",
                "director_ipvs_service_bytes_out_total{service=\"" + SVC + "\"} 20000.0\n",
                "director_ipvs_real_server_connections_total" + l + " 7.0\n",
                "director_ipvs_real_server_packets_in_total" + l + " 70.0\n",
                "director_ipvs_real_server_packets_out_total" + l + " 60.0\n",
                "director_ipvs_real_server_bytes_in_total" + l + " 7000.0\n",
                "director_ipvs_real_server_bytes_out_total" + l + " 14000.0\n",
                "director_ipvs_real_server_active_connections" + l + " 4.0\n",
                "director_ipvs_real_server_inactive_connections" + l + " 3.0\n",
                "director_ipvs_real_server_weight" + l + " 2.0\n");
        metrics.ipvsStats(new IpvsTable(List.of()));
        assertThat(scrape()).doesNotContain(SVC);
    }

    @Test
    void reloadsAndDriftRepairs() throws Exception {
        assertThat(scrape()).contains("director_reloads_total{result=\"applied\"} 0.0\n",
                "director_reloads_total{result=\"refused\"} 0.0\n");
        metrics.reloadApplied();
        metrics.reloadApplied();
        metrics.reloadRefused();
        metrics.driftRepaired(3);
        metrics.driftRepaired(1);
        assertThat(scrape()).contains("director_reloads_total{result=\"applied\"} 2.0\n",
                "director_reloads_total{result=\"refused\"} 1.0\n", "director_drift_repairs_total 2.0\n",
                "director_drift_repair_operations_total 4.0\n");
    }

    @Test
    void aTakenPortIsAClearError() {
        InetSocketAddress taken = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
        assertThatThrownBy(() -> MetricsServer.start(taken, new DirectorMetrics()))
                .hasMessageStartingWith("cannot serve metrics on 127.0.0.1:" + server.port());
    }

    @Test
    void theConfiguredEndpointServesTheSameRegistry() throws Exception {
        try (MetricsServer other = MetricsServer.start(
                new io.director.config.model.Endpoint(InetAddress.getLoopbackAddress(), 0), metrics)) {
            metrics.clusterMembers(2);
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + other.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.body()).contains("director_cluster_members 2.0\n");
        }
    }

    private String scrape() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }
}
