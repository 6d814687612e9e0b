package io.director.healthcheck;

import static io.director.healthcheck.Fixtures.http;
import static io.director.healthcheck.Fixtures.realServer;
import static io.director.healthcheck.Fixtures.service;
import static io.director.healthcheck.Fixtures.timing;
import static org.assertj.core.api.Assertions.assertThat;

import io.director.config.model.CheckConfig;
import io.director.config.model.CheckTiming;
import io.director.config.model.RealServerConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each misbehaving real server is a real socket server; the engine must judge it down for the right reason,
 * and a healthy control server in the same engine (one I/O thread) must keep being checked on schedule.
 */
class AdversarialServersTest {

    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final CheckTiming TIMING = timing(200, 300, 1, 1, true);
    private static final Duration WINDOW = Duration.ofMillis(2000);
    private static final Duration DEADLINE = Duration.ofSeconds(5);

    private TestServer control;
    private TestServer adversary;
    private EngineHarness harness;

    @BeforeEach
    void startControl() throws IOException {
        control = new TestServer(TestServer.respond(200, "ok"));
        harness = new EngineHarness();
    }

    @AfterEach
    void stop() throws IOException {
        harness.close();
        control.close();
        if (adversary != null) {
            adversary.close();
        }
    }

    /** Loads and compiles the engine's classes once, so the first test's first check is not slowed by that. */
    @BeforeAll
    static void warmUp() throws Exception {
        try (TestServer server = new TestServer(TestServer.respond(200, "ok")); EngineHarness warm = new EngineHarness()) {
            RealServerConfig rs = realServer(server.port(), http(timing(50, 5000, 1, 1, false), "/", Optional.of("ok")));
            warm.update(service(80, List.of(rs)));
            warm.awaitEvent(HealthEvent.RealServerUp.class, e -> true, Duration.ofSeconds(30));
        }
    }

    /** The control tolerates two slow checks in a row (a loaded build machine); a stalled engine fails far more. */
    private RealServerConfig controlServer() {
        return realServer(control.port(), http(timing(200, 300, 1, 3, true), "/health", Optional.empty()));
    }

    /** Checks control and the adversary with the same check; returns the adversary's down reason. */
    private String downReason(TestServer.Behaviour behaviour, CheckConfig check) throws Exception {
        adversary = new TestServer(behaviour);
        return downReason(adversary.port(), check);
    }

    private String downReason(int adversaryPort, CheckConfig check) throws Exception {
        RealServerConfig bad = realServer(adversaryPort, check);
        harness.update(service(80, List.of(controlServer(), bad)));
        String reason = harness.awaitDown(bad.id(), DEADLINE).reason();
        harness.assertControlKeepsSchedule(control, controlServer().id(), INTERVAL, WINDOW);
        return reason;
    }

    private static CheckConfig plainHttp() {
        return http(TIMING, "/health", Optional.empty());
    }

    @Test
    void connectionRefused() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        assertThat(downReason(closedPort, plainHttp())).contains("connect").containsIgnoringCase("refused");
    }

    @Test
    void acceptsAndNeverAnswers() throws Exception {
        assertThat(downReason(TestServer.silent(), plainHttp())).contains("timeout after 300 ms");
    }

    @Test
    void answersOneByteASecond() throws Exception {
        assertThat(downReason(TestServer.trickle(), plainHttp())).contains("timeout after 300 ms");
    }

    @Test
    void garbageInsteadOfHttp() throws Exception {
        assertThat(downReason(TestServer.garbage(), plainHttp())).contains("invalid HTTP response");
    }

    @Test
    void resetMidResponse() throws Exception {
        assertThat(downReason(TestServer.resetMidResponse(), plainHttp()))
                .containsAnyOf("reset", "closed before a complete response");
    }

    @Test
    void status500() throws Exception {
        assertThat(downReason(TestServer.respond(500, "oops"), plainHttp())).isEqualTo("status 500");
    }

    @Test
    void status200WithTheWrongBody() throws Exception {
        CheckConfig check = http(TIMING, "/health", Optional.of("^ok$"));
        assertThat(downReason(TestServer.respond(200, "not today"), check)).contains("body does not match");
    }

    @Test
    void hundredMegabyteResponseIsJudgedFastOnBoundedBytes() throws Exception {
        CheckConfig check = http(TIMING, "/health", Optional.of("never-there"));
        String reason = downReason(TestServer.huge(), check);
        assertThat(reason).contains("body does not match").contains("65536 bytes"); // judged, not timed out
        EngineHarness.await("the huge server's writes to end", DEADLINE, () -> adversary.finishedWriting);
        // What left the server fits in the kernel's socket buffers (both may autotune to their maximum):
        // the rest of the 100 MB was never read.
        long buffers = maxOf("/proc/sys/net/ipv4/tcp_rmem") + maxOf("/proc/sys/net/ipv4/tcp_wmem");
        assertThat(adversary.mostBytesOnOneConnection.get()).isLessThan(Math.min(buffers + 8L * 1024 * 1024, 90L * 1024 * 1024));
    }

    private static long maxOf(String sysctl) throws IOException {
        // readAllLines, not readString: procfs reports size 0 and readString then returns one byte
        String[] fields = java.nio.file.Files.readAllLines(java.nio.file.Path.of(sysctl)).get(0).trim().split("\\s+");
        return Long.parseLong(fields[fields.length - 1]);
    }

    @Test
    void keepsCheckingAndComesBackUpWhenTheServerRecovers() throws Exception {
        CheckTiming timing = timing(200, 300, 2, 1, true);
        CheckConfig check = http(timing, "/health", Optional.empty());
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RealServerConfig flaky = realServer(port, check);
        harness.update(service(80, List.of(flaky)));
        harness.awaitDown(flaky.id(), DEADLINE);
        adversary = new TestServer(new ServerSocket(port, 50, java.net.InetAddress.getLoopbackAddress()),
                TestServer.respond(200, "ok"));
        harness.awaitEvent(HealthEvent.RealServerUp.class, e -> e.realServer().equals(flaky.id()), DEADLINE);
        assertThat(harness.realServer(flaky.id()).orElseThrow().consecutiveSuccesses()).isGreaterThanOrEqualTo(2);
    }
}
