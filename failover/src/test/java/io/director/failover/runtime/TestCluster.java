package io.director.failover.runtime;

import io.director.config.model.ClusterConfig;
import io.director.config.model.Endpoint;
import io.director.config.model.MemberRole;
import io.director.failover.core.Role;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Several failover nodes in this JVM over loopback TCP (and UDP probes), with recording ports. */
final class TestCluster implements AutoCloseable {
    static final Duration JOIN_TIMEOUT = Duration.ofMillis(1000);
    final String name;
    final List<String> ids;
    final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    final Map<String, FailoverNode> nodes = new LinkedHashMap<>();
    final Map<String, RecordingPorts> ports = new LinkedHashMap<>();
    /** A lenient probe (50 ms x 6): the build machine is often far more loaded than a director. */
    FailoverOptions options = new FailoverOptions(Duration.ofMillis(50), 6, Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofMillis(100));

    TestCluster(String name, String... ids) throws IOException {
        this.name = name;
        this.ids = List.of(ids);
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        for (String id : ids) {
            endpoints.put(id, new Endpoint(loopback, freePort(loopback)));
        }
    }

    ClusterConfig config(String id, int priority, boolean preempt, MemberRole role, Optional<Path> keyFile) {
        return new ClusterConfig(name, endpoints.get(id), new ArrayList<>(endpoints.values()), priority, preempt,
                Duration.ZERO, keyFile, role, JOIN_TIMEOUT, Duration.ofMillis(100), Duration.ofMillis(600),
                Duration.ofMillis(30), 5);
    }

    FailoverNode start(String id, int priority, boolean preempt) throws Exception {
        return start(id, config(id, priority, preempt, MemberRole.DIRECTOR, Optional.empty()));
    }

    FailoverNode start(String id, ClusterConfig config) throws Exception {
        RecordingPorts p = new RecordingPorts(id);
        FailoverNode node = new FailoverNode(config, id, p.ports(), Ticker.system(), options);
        ports.put(id, p);
        nodes.put(id, node);
        node.start();
        return node;
    }

    FailoverNode node(String id) {
        return nodes.get(id);
    }

    /** The live directors that hold their VIPs. */
    List<String> holders() {
        return nodes.entrySet().stream().filter(e -> ports.get(e.getKey()).held())
                .map(Map.Entry::getKey).collect(Collectors.toList());
    }

    List<String> masters() {
        return nodes.entrySet().stream().filter(e -> e.getValue().role() == Role.MASTER)
                .map(Map.Entry::getKey).collect(Collectors.toList());
    }

    /** Settled: exactly {@code id} is master and holds the VIPs, no one else holds them. */
    long awaitOnlyMaster(String id, Duration deadline) {
        return Conditions.await(deadline,
                () -> masters().equals(List.of(id)) && holders().equals(List.of(id))
                        && nodes.entrySet().stream().filter(e -> !e.getKey().equals(id))
                        .allMatch(e -> e.getValue().role() != Role.MASTER && e.getValue().role() != Role.INIT)
                        && nodes.values().stream().allMatch(n -> n.view().master().equals(Optional.of(id))
                        && n.view().members().size() == nodes.size()
                        && n.view().members().stream().allMatch(m -> m.nodeId().equals(id)
                        ? m.role() == Role.MASTER : m.role() != Role.MASTER && m.role() != Role.INIT)),
                this::describe);
    }

    void crash(String id) {
        nodes.remove(id).crash();
    }

    void close(String id) {
        nodes.remove(id).close();
    }

    String describe() {
        StringBuilder b = new StringBuilder();
        nodes.forEach((id, n) -> b.append("\n  ").append(id).append(' ').append(n.role())
                .append(" held=").append(ports.get(id).held()).append(" view=").append(n.view()));
        return b.toString();
    }

    @Override
    public void close() {
        new ArrayList<>(nodes.keySet()).forEach(id -> nodes.remove(id).crash());
    }

    private static int freePort(InetAddress address) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, address)) {
                port = s.getLocalPort();
            }
            if (port > 65000) {
                continue; // FD_SOCK2 listens at port + 100
            }
            try (DatagramSocket d = new DatagramSocket(new InetSocketAddress(address, port))) {
                return port;
            } catch (IOException busy) {
                // UDP taken: try another
            }
        }
        throw new IOException("no free port");
    }
}
