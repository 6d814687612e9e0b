package io.director.healthcheck;

import static io.director.healthcheck.Fixtures.http;
import static io.director.healthcheck.Fixtures.realServer;
import static io.director.healthcheck.Fixtures.service;
import static io.director.healthcheck.Fixtures.timing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.director.config.model.CheckConfig;
import io.director.config.model.Quorum;
import io.director.config.model.RealServerConfig;
import io.director.config.model.ServiceConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine's contract with the daemon: reload semantics, event order and thread, quorum events, snapshot. */
class HealthEngineTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private final EngineHarness harness = new EngineHarness();
    private final List<TestServer> servers = new java.util.ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        harness.close();
        for (TestServer s : servers) {
            s.close();
        }
    }

    private TestServer server(TestServer.Behaviour behaviour) throws IOException {
        TestServer s = new TestServer(behaviour);
        servers.add(s);
        return s;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void reloadWithTheSameConfigurationKeepsStateAndSchedule() throws Exception {
        TestServer ok = server(TestServer.respond(200, "ok"));
        CheckConfig check = http(timing(100, 1000, 3, 3, false), "/", Optional.empty());
        RealServerConfig rs = realServer(ok.port(), check);
        ServiceConfig svc = service(80, List.of(rs));
        harness.update(svc);
        EngineHarness.await("two successes", DEADLINE,
                () -> harness.realServer(rs.id()).orElseThrow().consecutiveSuccesses() >= 2);
        harness.update(svc);
        harness.update(svc);
        // still counting from where it was: up after the third success, not three after the reload
        harness.awaitEvent(HealthEvent.RealServerUp.class, e -> true, DEADLINE);
        assertThat(harness.events).hasSize(1);
    }

    @Test
    void removedTargetsStopBeingCheckedAndNewOnesStart() throws Exception {
        TestServer a = server(TestServer.respond(200, "ok"));
        TestServer b = server(TestServer.respond(200, "ok"));
        CheckConfig check = http(timing(100, 1000, 1, 1, true), "/", Optional.empty());
        harness.update(service(80, List.of(realServer(a.port(), check))));
        EngineHarness.await("a checked", DEADLINE, () -> a.requests.get() >= 2);
        harness.update(service(80, List.of(realServer(b.port(), check))));
        EngineHarness.await("b checked", DEADLINE, () -> b.requests.get() >= 2);
        int aAfter = a.requests.get();
        EngineHarness.await("b checked three more times", DEADLINE, () -> b.requests.get() >= 5);
        assertThat(a.requests.get()).isLessThanOrEqualTo(aAfter + 1); // at most one in flight at the reload
        assertThat(harness.engine.snapshot().services().get(0).realServers())
                .extracting(HealthSnapshot.RealServer::id).containsExactly(realServer(b.port(), check).id());
    }

    @Test
    void aRemovedServiceStopsBeingCheckedAndAnUntouchedOneKeepsItsState() throws Exception {
        TestServer kept = server(TestServer.respond(200, "ok"));
        TestServer gone = server(TestServer.respond(200, "ok"));
        CheckConfig check = http(timing(100, 1000, 3, 3, false), "/", Optional.empty());
        RealServerConfig keptRs = realServer(kept.port(), check);
        ServiceConfig keep = service(80, List.of(keptRs));
        harness.update(keep, service(81, List.of(realServer(gone.port(), check))));
        EngineHarness.await("both checked twice", DEADLINE, () -> gone.requests.get() >= 2
                && harness.realServer(keptRs.id()).orElseThrow().consecutiveSuccesses() >= 2);
        harness.update(keep); // the same instance, as a reload hands over an unchanged service
        int goneAfter = gone.requests.get();
        harness.awaitEvent(HealthEvent.RealServerUp.class, e -> true, DEADLINE);
        EngineHarness.await("the kept one checked three more times", DEADLINE, () -> kept.requests.get() >= 6);
        assertThat(gone.requests.get()).isLessThanOrEqualTo(goneAfter + 1); // at most one in flight at the reload
        assertThat(harness.events).as("up after its third success: its count went on").hasSize(1);
        assertThat(harness.engine.snapshot().services()).hasSize(1);
    }

    @Test
    void quorumEventsFollowTheRealServerEventsOnOneDeliveryThread() throws Exception {
        TestServer ok = server(TestServer.respond(200, "ok"));
        CheckConfig check = http(timing(100, 1000, 1, 1, true), "/", Optional.empty());
        RealServerConfig good = realServer(ok.port(), check);
        RealServerConfig bad1 = realServer(closedPort(), check);
        RealServerConfig bad2 = realServer(closedPort(), check);
        harness.update(service(80, new Quorum(2, 0), List.of(good, bad1, bad2)));
        HealthEvent.QuorumLost lost = harness.awaitEvent(HealthEvent.QuorumLost.class, e -> true, DEADLINE);
        assertThat(lost.healthy()).isEqualTo(1);
        EngineHarness.await("both bad servers down", DEADLINE, () -> harness.events.size() >= 3);
        List<HealthEvent> events = List.copyOf(harness.events);
        // the loss comes right after the second down, in order
        assertThat(events.get(1)).isInstanceOf(HealthEvent.RealServerDown.class);
        assertThat(events.get(2)).isEqualTo(lost);
        assertThat(harness.deliveryThreads).allMatch(name -> name.startsWith("health-events"));
        EngineHarness.await("the good server's first check", DEADLINE,
                () -> harness.realServer(good.id()).orElseThrow().lastCheck().isPresent());
        HealthSnapshot.Service s = harness.engine.snapshot().services().get(0);
        assertThat(s.quorum()).isFalse();
        assertThat(s.healthy()).isEqualTo(1);
        assertThat(s.realServer(good.id()).orElseThrow().lastCheck().orElseThrow().ok()).isTrue();
    }

    @Test
    void aFailingListenerDoesNotStopDelivery() throws Exception {
        List<HealthEvent> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (HealthEngine engine = new HealthEngine(HealthEngineOptions.defaults(), e -> {
            seen.add(e);
            throw new IllegalStateException("listener bug");
        })) {
            CheckConfig check = http(timing(100, 1000, 1, 1, true), "/", Optional.empty());
            engine.update(List.of(service(80, List.of(realServer(closedPort(), check), realServer(closedPort(), check)))));
            EngineHarness.await("two events", DEADLINE, () -> seen.size() >= 2);
        }
    }

    @Test
    void badChecksAreRefusedWithReasonsAndTheRunningStateIsKept() throws Exception {
        TestServer ok = server(TestServer.respond(200, "ok"));
        CheckConfig check = http(timing(100, 1000, 1, 1, true), "/", Optional.empty());
        RealServerConfig rs = realServer(ok.port(), check);
        harness.update(service(80, List.of(rs)));
        EngineHarness.await("a check", DEADLINE, () -> harness.realServer(rs.id()).orElseThrow().lastCheck().isPresent());
        CheckConfig broken = http(timing(100, 1000, 0, 1, true), "/", Optional.of("(unclosed"));
        assertThatThrownBy(() -> harness.update(service(80, List.of(realServer(ok.port(), broken)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rise and fall must be at least 1")
                .hasMessageContaining("invalid body regex");
        int before = ok.requests.get();
        EngineHarness.await("checks to go on", DEADLINE, () -> ok.requests.get() >= before + 2);
        assertThat(harness.realServer(rs.id())).isPresent();
    }

    @Test
    void updateAfterCloseIsRefused() {
        harness.close();
        assertThatThrownBy(() -> harness.engine.update(List.of())).isInstanceOf(IllegalStateException.class);
    }
}
