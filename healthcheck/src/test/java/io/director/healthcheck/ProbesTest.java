package io.director.healthcheck;

import static io.director.healthcheck.Fixtures.http;
import static io.director.healthcheck.Fixtures.https;
import static io.director.healthcheck.Fixtures.realServer;
import static io.director.healthcheck.Fixtures.script;
import static io.director.healthcheck.Fixtures.service;
import static io.director.healthcheck.Fixtures.timing;
import static org.assertj.core.api.Assertions.assertThat;

import io.director.config.model.HttpCheck;
import io.director.config.model.RealServerConfig;
import io.director.config.model.StatusRange;
import io.director.config.model.TcpCheck;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of check against a real server: what passes, what fails, and what the request looked like. */
class ProbesTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static SSLContext tls;

    private final EngineHarness harness = new EngineHarness();
    private TestServer server;

    @BeforeAll
    static void certificate(@TempDir Path dir) throws Exception {
        tls = TlsTestServer.selfSigned(dir);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
        if (server != null) {
            server.close();
        }
    }

    private RealServerConfig up(RealServerConfig rs) {
        harness.update(service(80, List.of(rs)));
        harness.awaitEvent(HealthEvent.RealServerUp.class, e -> e.realServer().equals(rs.id()), DEADLINE);
        return rs;
    }

    private String down(RealServerConfig rs) {
        harness.update(service(80, List.of(rs)));
        return harness.awaitDown(rs.id(), DEADLINE).reason();
    }

    @Test
    void httpsWithASelfSignedCertificateFailsWithVerificationAndPassesWithout() throws Exception {
        List<String> sni = TlsTestServer.names();
        server = TlsTestServer.start(tls, sni);
        String reason = down(realServer(server.port(), https(timing(200, 2000, 1, 1, true), true)));
        assertThat(reason).containsAnyOf("certification path", "PKIX", "certificate");

        harness.update(); // forget it, then the same server without verification
        up(realServer(server.port(), https(timing(200, 2000, 1, 1, false), false)));
    }

    @Test
    void httpsSendsSniAndTheHostHeader() throws Exception {
        List<String> sni = TlsTestServer.names();
        server = TlsTestServer.start(tls, sni);
        HttpCheck check = new HttpCheck(timing(200, 2000, 1, 1, false), true, "/status", Optional.of("www.example.org"),
                List.of(StatusRange.of(200)), Optional.empty(), false, Optional.of("health.example.org"),
                OptionalInt.empty(), false);
        up(realServer(server.port(), check));
        assertThat(sni).contains("health.example.org");
        assertThat(server.lastRequest).startsWith("GET /status HTTP/1.1\r\n").contains("host: www.example.org\r\n");
    }

    @Test
    void httpStatusRangesAndBodyRegex() throws Exception {
        server = new TestServer(TestServer.respond(203, "service ready"));
        HttpCheck rangeAndBody = new HttpCheck(timing(200, 1000, 1, 1, false), false, "/", Optional.empty(),
                List.of(new StatusRange(200, 204)), Optional.of("ready$"), true, Optional.empty(), OptionalInt.empty(), false);
        up(realServer(server.port(), rangeAndBody));
        assertThat(server.lastRequest).contains("host: 127.0.0.1:" + server.port() + "\r\n");
    }

    @Test
    void keepAliveReusesOneConnection() throws Exception {
        server = new TestServer(TestServer.keepAlive("ok"));
        HttpCheck check = Fixtures.keepAlive(http(timing(100, 5000, 1, 1, true), "/", Optional.empty()));
        harness.update(service(80, List.of(realServer(server.port(), check))));
        EngineHarness.await("five checks", DEADLINE, () -> server.requests.get() >= 5);
        assertThat(server.connections.get()).as("connections; events %s", harness.events).isEqualTo(1);
        assertThat(harness.eventsFor(realServer(server.port(), check).id())).isEmpty();
    }

    @Test
    void keepAliveRetriesOnANewConnectionWhenTheServerDropsTheReusedOne() throws Exception {
        // answers the first request of each connection (keep-alive) and closes at the second, unanswered
        server = new TestServer((socket, s) -> {
            try (socket) {
                if (s.readRequest(socket.getInputStream())) {
                    s.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
                    s.readRequest(socket.getInputStream());
                }
            }
        });
        RealServerConfig rs = realServer(server.port(),
                Fixtures.keepAlive(http(timing(100, 5000, 1, 1, true), "/", Optional.empty())));
        harness.update(service(80, List.of(rs)));
        EngineHarness.await("six checks", DEADLINE, () -> harness.realServer(rs.id()).orElseThrow().consecutiveSuccesses() >= 6);
        assertThat(harness.eventsFor(rs.id())).isEmpty();
        assertThat(server.connections.get()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void newConnectionPerCheckWithoutKeepAlive() throws Exception {
        server = new TestServer(TestServer.respond(200, "ok"));
        harness.update(service(80, List.of(realServer(server.port(), http(timing(100, 5000, 1, 1, true), "/", Optional.empty())))));
        EngineHarness.await("three checks", DEADLINE, () -> server.requests.get() >= 3);
        assertThat(server.connections.get()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void tcpConnectAndSendExpect() throws Exception {
        server = new TestServer((socket, s) -> {
            try (socket) {
                byte[] hello = socket.getInputStream().readNBytes(5);
                s.write(socket.getOutputStream(), new String(hello).equals("PING\n") ? "+PONG and more" : "-ERR");
            }
        });
        up(realServer(server.port(), new TcpCheck(timing(200, 1000, 1, 1, false), OptionalInt.empty(),
                Optional.of("PING\n"), Optional.of("+PONG"))));
        harness.update();
        String reason = down(realServer(server.port(), new TcpCheck(timing(200, 1000, 1, 1, true), OptionalInt.empty(),
                Optional.of("PING\n"), Optional.of("+OK"))));
        assertThat(reason).contains("does not start with");
    }

    @Test
    void tcpConnectOnlyAndRefused() throws Exception {
        server = new TestServer((socket, s) -> socket.close());
        up(realServer(server.port(), Fixtures.tcp(timing(200, 1000, 1, 1, false))));
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        harness.update();
        assertThat(down(realServer(closed, Fixtures.tcp(timing(200, 1000, 1, 1, true))))).containsIgnoringCase("refused");
    }

    @Test
    void checksBindTheSourceAddress() throws Exception {
        try (EngineHarness bound = new EngineHarness(HealthEngineOptions.defaults().withSourceAddress(InetAddress.getByName("127.0.0.2")))) {
            List<String> peers = new java.util.concurrent.CopyOnWriteArrayList<>();
            server = new TestServer((socket, s) -> {
                peers.add(socket.getInetAddress().getHostAddress());
                socket.close();
            });
            RealServerConfig rs = realServer(server.port(), Fixtures.tcp(timing(200, 1000, 1, 1, false)));
            bound.update(service(80, List.of(rs)));
            bound.awaitEvent(HealthEvent.RealServerUp.class, e -> true, DEADLINE);
            // a TCP check is up once connected, which may be before the server's thread records the peer
            EngineHarness.await("the server to record the check's source address", DEADLINE, () -> !peers.isEmpty());
            assertThat(peers).allMatch("127.0.0.2"::equals);
        }
    }

    @Test
    void scriptExitCodeDecides() {
        up(realServer(8080, script(timing(200, 2000, 1, 1, false), "test \"$DIRECTOR_REAL_SERVER_PORT\" = 8080")));
        harness.update();
        assertThat(down(realServer(8081, script(timing(200, 2000, 1, 1, true), "exit 3")))).isEqualTo("script exit 3");
    }

    @Test
    void scriptIsKilledWithItsChildrenAtTheTimeout(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("child.pid");
        String command = "sleep 60 & echo $! > " + pidFile + "; wait";
        String reason = down(realServer(8080, script(timing(5000, 500, 1, 1, true), command)));
        assertThat(reason).isEqualTo("timeout after 500 ms");
        EngineHarness.await("the pid file", DEADLINE, () -> Files.exists(pidFile) && !readQuietly(pidFile).isBlank());
        long child = Long.parseLong(readQuietly(pidFile).trim());
        EngineHarness.await("the script's child to be killed", DEADLINE,
                () -> ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true));
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
