package io.director.daemon.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminServerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir Path tmp;
    Path socket;
    final List<AdminServer> servers = new ArrayList<>();
    final List<AdminRequest> seen = new CopyOnWriteArrayList<>();
    final List<Peer> peers = new CopyOnWriteArrayList<>();
    final CountDownLatch failoverMayFinish = new CountDownLatch(1);
    final java.util.concurrent.Semaphore failoversRunning = new java.util.concurrent.Semaphore(0);

    final AdminCommands commands = new AdminCommands()
            .on("status", (r, p) -> {
                seen.add(r);
                peers.add(p);
                return AdminResponse.ok(r.json() ? "{\"role\":\"master\"}\n" : "role: master\n");
            })
            .on("reload", (r, p) -> {
                throw new IllegalStateException("cluster.bind cannot change while running");
            })
            .on("failover", (r, p) -> {
                failoversRunning.release();
                await(failoverMayFinish);
                return AdminResponse.ok("handed over to " + r.args().get(1) + "\n");
            })
            .on("big", (r, p) -> AdminResponse.ok("é".repeat(600_000)));

    @BeforeEach
    void rootOnly() {
        assumeTrue(isRoot(), "the admin server is root-only; these tests run as root");
        socket = tmp.resolve("run/director/d1.sock");
    }

    @AfterEach
    void stop() {
        failoverMayFinish.countDown();
        servers.forEach(AdminServer::close);
    }

    @Test
    void answersARequestAndSeesThePeerProcess() throws Exception {
        start(commands);
        AdminResponse r = AdminClient.call(socket, new AdminRequest("status", List.of(), true), TIMEOUT);
        assertThat(r).isEqualTo(new AdminResponse(0, "{\"role\":\"master\"}\n"));
        assertThat(seen).containsExactly(new AdminRequest("status", List.of(), true));
        assertThat(peers).containsExactly(new Peer(0, 0, ProcessHandle.current().pid()));
    }

    @Test
    void socketIsRootOnlyInADirectoryItCreated() throws Exception {
        start(commands);
        assertThat(Files.getPosixFilePermissions(socket)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(socket.getParent())).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(Files.list(socket.getParent()).map(p -> p.getFileName().toString()))
                .containsExactlyInAnyOrder("d1.sock", "d1.sock.lock");
    }

    @Test
    void aThrowingHandlerIsExitOneWithItsMessage() throws Exception {
        start(commands);
        AdminResponse r = AdminClient.call(socket, AdminRequest.of("reload"), TIMEOUT);
        assertThat(r).isEqualTo(new AdminResponse(1, "reload failed: cluster.bind cannot change while running\n"));
        assertThat(AdminClient.call(socket, AdminRequest.of("status"), TIMEOUT).exitCode()).isZero();
    }

    @Test
    void unknownCommandsListTheKnownOnes() throws Exception {
        start(commands);
        AdminResponse r = AdminClient.call(socket, AdminRequest.of("frobnicate"), TIMEOUT);
        assertThat(r).isEqualTo(new AdminResponse(2, "unknown command 'frobnicate'; this daemon knows: big, failover, reload, status\n"));
    }

    @Test
    void aPeerOfAnotherUidIsRefusedClearly() throws Exception {
        AdminServer s = new AdminServer(socket, commands, 4242, Duration.ofSeconds(5));
        servers.add(s);
        s.start();
        AdminResponse r = AdminClient.call(socket, AdminRequest.of("failover", "--to", "d2"), TIMEOUT);
        assertThat(r).isEqualTo(new AdminResponse(1, "permission denied: the admin socket is for uid 4242; you are uid 0\n"));
        assertThat(failoverMayFinish.getCount()).isEqualTo(1);
        assertThat(seen).isEmpty();
    }

    @Test
    void malformedRequestsGetAnErrorAndTheServerKeepsServing() throws Exception {
        start(commands);
        assertRaw("\n", 2, "malformed request: empty request");
        assertRaw("{\"command\": \"status\", \"json\": tru\n", 2, "malformed request: not a director admin request");
        assertRaw("director-admin/1\tstatus\n", 2, "malformed request: request needs a command and a format");
        assertRaw("director-admin/1\t../etc\ttext\n", 2, "malformed request: bad command name");
        assertRaw("GET / HTTP/1.1\r\nHost: x\r\n\r\n", 2, "malformed request: not a director admin request");
        assertRaw(new byte[] {(byte) 0xc3, 0x28, 0, 1, 2, '\n'}, 2, "malformed request: request is not UTF-8 text");
        assertRaw("director-admin/1\tstatus\ttext\u0000\n", 2, "malformed request: request contains control character 0x0");
        assertRaw("x".repeat(200_000), 2, "malformed request: request longer than 65536 bytes");
        assertRaw("director-admin/1\tstatus\ttext", 2, "malformed request: client closed the connection before a complete request");
        assertThat(AdminClient.call(socket, AdminRequest.of("status"), TIMEOUT).exitCode()).isZero();
        assertThat(seen).hasSize(1);
    }

    @Test
    void aSilentClientTimesOutWithoutHoldingTheServer() throws Exception {
        AdminServer s = new AdminServer(socket, commands, 0, Duration.ofMillis(300));
        servers.add(s);
        s.start();
        try (SocketChannel silent = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            assertThat(AdminClient.call(socket, AdminRequest.of("status"), TIMEOUT).exitCode()).isZero();
            String answer = readAll(silent);
            assertThat(answer).endsWith("malformed request: client sent no complete request in time\n");
        }
    }

    @Test
    void aBlockedHandlerDoesNotBlockOtherClients() throws Exception {
        start(commands);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            Future<AdminResponse> failover = pool.submit(() ->
                    AdminClient.call(socket, AdminRequest.of("failover", "--to", "d2"), TIMEOUT));
            List<Future<AdminResponse>> statuses = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                statuses.add(pool.submit(() -> AdminClient.call(socket, AdminRequest.of("status"), TIMEOUT)));
            }
            for (Future<AdminResponse> f : statuses) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(AdminResponse.ok("role: master\n"));
            }
            assertThat(failover).isNotDone();
            failoverMayFinish.countDown();
            assertThat(failover.get(10, TimeUnit.SECONDS)).isEqualTo(AdminResponse.ok("handed over to d2\n"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void beyondSixteenRunningRequestsAClientIsToldBusy() throws Exception {
        start(commands);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<AdminResponse>> failovers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                failovers.add(pool.submit(() -> AdminClient.call(socket, AdminRequest.of("failover", "--to", "d2"), TIMEOUT)));
            }
            assertThat(failoversRunning.tryAcquire(16, 10, TimeUnit.SECONDS)).isTrue();
            assertThat(AdminClient.call(socket, AdminRequest.of("status"), TIMEOUT))
                    .isEqualTo(AdminResponse.failed("busy: 16 admin requests are already running; try again\n"));
            failoverMayFinish.countDown();
            for (Future<AdminResponse> f : failovers) {
                assertThat(f.get(10, TimeUnit.SECONDS).exitCode()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void stateChangingCommandsAreLoggedWithWhoAsked() throws Exception {
        start(commands);
        java.io.PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            AdminClient.call(socket, AdminRequest.of("reload"), TIMEOUT);
            AdminClient.call(socket, AdminRequest.of("status"), TIMEOUT);
        } finally {
            System.setErr(original);
        }
        String who = "uid=0 gid=0 pid=" + ProcessHandle.current().pid();
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("admin reload [] requested by " + who, "admin reload [] by " + who + " exited 1")
                .doesNotContain("admin status");
    }

    @Test
    void largeBodiesArriveWhole() throws Exception {
        start(commands);
        AdminResponse r = AdminClient.call(socket, AdminRequest.of("big"), TIMEOUT);
        assertThat(r.body()).hasSize(600_000).isEqualTo("é".repeat(600_000));
    }

    @Test
    void theClientGivesUpAtItsTimeout() throws Exception {
        start(commands);
        assertThatThrownBy(() -> AdminClient.call(socket, AdminRequest.of("failover", "--to", "d2"), Duration.ofMillis(300)))
                .isInstanceOf(AdminUnavailableException.class)
                .hasMessage("director daemon at " + socket + " did not answer within 300 ms");
    }

    @Test
    void aStaleSocketIsReplaced() throws Exception {
        Files.createDirectories(socket.getParent());
        try (ServerSocketChannel old = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            old.bind(UnixDomainSocketAddress.of(socket));
        }
        assertThat(socket).exists();
        assertThatThrownBy(() -> AdminClient.call(socket, AdminRequest.of("status"), TIMEOUT))
                .hasMessage("no director daemon at " + socket + ": connection refused");
        start(commands);
        assertThat(AdminClient.call(socket, AdminRequest.of("status"), TIMEOUT).exitCode()).isZero();
    }

    @Test
    void aSecondDaemonOnTheSameSocketIsRefused() throws Exception {
        start(commands);
        AdminServer second = new AdminServer(socket, commands);
        servers.add(second);
        assertThatThrownBy(second::start).isInstanceOf(IOException.class)
                .hasMessageStartingWith("another director daemon is running on " + socket);
        assertThat(AdminClient.call(socket, AdminRequest.of("status"), TIMEOUT).exitCode()).isZero();
    }

    @Test
    void aSocketSomeoneElseAnswersOnIsNotTaken() throws Exception {
        Files.createDirectories(socket.getParent());
        try (ServerSocketChannel other = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            other.bind(UnixDomainSocketAddress.of(socket));
            AdminServer s = new AdminServer(socket, commands);
            servers.add(s);
            assertThatThrownBy(s::start).hasMessage("another director daemon is answering on " + socket);
            assertThat(socket).exists();
        }
    }

    @Test
    void aFileThatIsNoSocketIsLeftAlone() throws Exception {
        Files.createDirectories(socket.getParent());
        Files.writeString(socket, "precious");
        AdminServer s = new AdminServer(socket, commands);
        servers.add(s);
        assertThatThrownBy(s::start).hasMessageContaining("exists and is not a socket");
        assertThat(Files.readString(socket)).isEqualTo("precious");
    }

    @Test
    void closeRemovesTheSocketAndFreesThePath() throws Exception {
        AdminServer s = start(commands);
        s.close();
        assertThat(socket).doesNotExist();
        assertThatThrownBy(() -> AdminClient.call(socket, AdminRequest.of("status"), TIMEOUT))
                .isInstanceOf(AdminUnavailableException.class)
                .hasMessage("no director daemon at " + socket + ": no such socket");
        start(commands);
        assertThat(AdminClient.call(socket, AdminRequest.of("status"), TIMEOUT).exitCode()).isZero();
    }

    @Test
    void aTooLongPathIsRefusedWithTheLimit() {
        Path deep = tmp.resolve("x".repeat(120)).resolve("d1.sock");
        AdminServer s = new AdminServer(deep, commands);
        servers.add(s);
        assertThatThrownBy(s::start).hasMessageContaining("longer than the kernel's limit of 107");
    }

    private AdminServer start(AdminHandler handler) throws IOException {
        AdminServer s = new AdminServer(socket, handler);
        servers.add(s);
        s.start();
        return s;
    }

    private void assertRaw(String request, int exit, String bodyStart) throws IOException {
        assertRaw(request.getBytes(StandardCharsets.UTF_8), exit, bodyStart);
    }

    /** Sends raw bytes, half-closes, and checks the framed answer. */
    private void assertRaw(byte[] request, int exit, String bodyStart) throws IOException {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            try {
                ch.write(ByteBuffer.wrap(request));
                ch.shutdownOutput();
            } catch (IOException e) {
                // the server may answer and close before reading everything (a huge request)
            }
            String answer = readAll(ch);
            int lf = answer.indexOf('\n');
            assertThat(answer.substring(0, lf)).startsWith("director-admin/1\t" + exit + "\t");
            assertThat(answer.substring(lf + 1)).startsWith(bodyStart);
        }
    }

    private static String readAll(SocketChannel ch) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(4096);
        while (ch.read(buf.clear()) > 0) {
            out.write(buf.array(), 0, buf.position());
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test latch never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException e) {
            return false;
        }
    }
}
