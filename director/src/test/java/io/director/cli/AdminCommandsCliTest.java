package io.director.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.director.daemon.admin.AdminCommands;
import io.director.daemon.admin.AdminRequest;
import io.director.daemon.admin.AdminResponse;
import io.director.daemon.admin.AdminServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** status, reload and failover against a real admin socket: what they send, print, and exit with. */
class AdminCommandsCliTest {
    @TempDir Path tmp;
    Path socket;
    AdminServer server;
    final List<AdminRequest> seen = new CopyOnWriteArrayList<>();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws IOException {
        assumeTrue(isRoot(), "the admin server is root-only; these tests run as root");
        socket = tmp.resolve("d1.sock");
        server = new AdminServer(socket, new AdminCommands()
                .on("status", (r, p) -> {
                    seen.add(r);
                    return AdminResponse.ok(r.json() ? "{\"role\":\"master\"}" : "role  master\n");
                })
                .on("reload", (r, p) -> {
                    seen.add(r);
                    return AdminResponse.failed("d1.conf:12: weight must not be negative\n");
                })
                .on("drill", (r, p) -> {
                    seen.add(r);
                    return AdminResponse.ok("3 handovers: median 400 ms\n");
                })
                .on("failover", (r, p) -> {
                    seen.add(r);
                    return AdminResponse.ok("handover to d2 took 412 ms\n");
                }));
        server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void statusPrintsTheBodyAndExitsZero() {
        assertThat(run("status", "--socket", socket.toString())).isZero();
        assertThat(out).hasToString("role  master\n");
        assertThat(run("status", "--json", "--socket", socket.toString())).isZero();
        assertThat(out.toString()).endsWith("{\"role\":\"master\"}\n");
        assertThat(seen).containsExactly(new AdminRequest("status", List.of(), false),
                new AdminRequest("status", List.of(), true));
    }

    @Test
    void aRefusedReloadExitsOneWithTheReasonsOnStderr() {
        assertThat(run("reload", "--socket", socket.toString())).isEqualTo(1);
        assertThat(err).hasToString("d1.conf:12: weight must not be negative\n");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void failoverSendsItsTarget() {
        assertThat(run("failover", "--to", "d2", "--socket", socket.toString())).isZero();
        assertThat(run("failover", "--socket", socket.toString())).isZero();
        assertThat(seen).containsExactly(AdminRequest.of("failover", "--to", "d2"), AdminRequest.of("failover"));
        assertThat(out.toString()).contains("handover to d2 took 412 ms\n");
    }

    @Test
    void drillSendsItsCountAndRefusesNonsense() {
        assertThat(run("drill", "--count", "3", "--socket", socket.toString())).isZero();
        assertThat(seen).containsExactly(AdminRequest.of("drill", "--count", "3", "--interval", "2000"));
        assertThat(run("drill", "--count", "0", "--socket", socket.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--count must be at least 1");
        assertThat(seen).hasSize(1);
    }

    @Test
    void theConfigFileNamesTheSocket() throws IOException {
        Path conf = tmp.resolve("d1.conf");
        Files.writeString(conf, "director {\n  node-id = d1\n  admin { socket = \"" + socket + "\" }\n"
                + "  services = [ { this is not valid HOCON for the rest of the model: but parses } ]\n}\n");
        assertThat(run("status", "-c", conf.toString())).isZero();
        assertThat(out).hasToString("role  master\n");
    }

    @Test
    void noDaemonIsAClearError() {
        server.close();
        assertThat(run("status", "--socket", socket.toString())).isEqualTo(1);
        assertThat(err).hasToString("director status: no director daemon at " + socket + ": no such socket\n");
    }

    @Test
    void everyCommandExplainsItself() {
        for (String command : List.of("status", "reload", "failover", "drill")) {
            assertThat(run(command, "--help")).isZero();
            assertThat(out.toString()).startsWith("Usage: director " + command).contains("--socket=PATH", "-c, --config=FILE");
        }
        assertThat(seen).isEmpty();
    }

    @Test
    void aMissingArgumentIsAUsageError() {
        assertThat(run("failover", "--to")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter for option '--to'");
        assertThat(seen).isEmpty();
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    }

    static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException e) {
            return false;
        }
    }
}
