package io.director.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.director.daemon.admin.AdminCommands;
import io.director.daemon.admin.AdminResponse;
import io.director.daemon.admin.AdminServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** director drill against a real admin socket: progress lines on stderr while the daemon drills, the report on stdout. */
class DrillCommandTest {
    @TempDir Path tmp;
    AdminServer server;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void printsEachFinishedLegWhileTheDrillRunsThenTheReport() throws IOException {
        assumeTrue(AdminCommandsCliTest.isRoot(), "the admin server is root-only; these tests run as root");
        Path socket = tmp.resolve("d1.sock");
        AtomicInteger polls = new AtomicInteger();
        CountDownLatch progressed = new CountDownLatch(3);
        server = new AdminServer(socket, new AdminCommands()
                .on("drill", (r, p) -> {
                    try {
                        // the daemon is busy with its legs until the CLI has asked for progress a few times
                        progressed.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return AdminResponse.ok("round  handover ...\np50 ...\n2 handovers, 0 failed\n");
                })
                .on("drill-progress", (r, p) -> {
                    int n = polls.incrementAndGet();
                    progressed.countDown();
                    return AdminResponse.ok(n == 1 ? "leg 1/2 d1->d2: ok" : "leg 1/2 d1->d2: ok\nleg 2/2 d2->d1: ok");
                }));
        server.start();

        int code = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("drill", "--count", "1", "--socket", socket.toString());

        assertThat(code).isZero();
        assertThat(out.toString()).isEqualTo("round  handover ...\np50 ...\n2 handovers, 0 failed\n");
        assertThat(err.toString()).isEqualTo("director drill: leg 1/2 d1->d2: ok\ndirector drill: leg 2/2 d2->d1: ok\n");
    }

    @Test
    void aRefusalGoesToStderrWithExitOne() throws IOException {
        assumeTrue(AdminCommandsCliTest.isRoot(), "the admin server is root-only; these tests run as root");
        Path socket = tmp.resolve("d1.sock");
        server = new AdminServer(socket, new AdminCommands()
                .on("drill", (r, p) -> AdminResponse.failed("drill failed: no healthy peer to hand over to (members: [d1=MASTER])\n")));
        server.start();

        int code = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("drill", "--count", "3", "--socket", socket.toString());

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("drill failed: no healthy peer to hand over to (members: [d1=MASTER])\n");
    }
}
