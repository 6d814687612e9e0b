package io.director.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.director.config.hocon.ConfigFile;
import io.director.failover.core.Role;
import io.director.ipvs.InMemoryIpvs;
import io.director.net.RecordingAddresses;
import io.director.net.RecordingAnnouncer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two daemons on loopback, each with its own recording fakes of the kernel: the drill hands over and back,
 * checks every leg, and leaves the first master in place; it refuses on the backup and without a peer.
 */
class DaemonDrillTest {
    @TempDir Path dir;
    final List<Daemon> daemons = new ArrayList<>();
    final RecordingAddresses addresses1 = new RecordingAddresses().withInterface("eth0");
    final RecordingAddresses addresses2 = new RecordingAddresses().withInterface("eth0");

    @AfterEach
    void stop() {
        daemons.forEach(Daemon::close);
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    Daemon start(String node, int priority, int port, List<Integer> ports, RecordingAddresses addresses) throws Exception {
        String members = String.join(", ", ports.stream().map(p -> "\"127.0.0.1:" + p + "\"").toList());
        String text = TestConfigs.text(2, "")
                .replace("node-id = d1", "node-id = " + node)
                .replace("bind = \"127.0.0.1:7800\"", "bind = \"127.0.0.1:" + port + "\"\n    join-timeout = 2s")
                .replace("members = [\"127.0.0.1:7800\"]", "members = [" + members + "]")
                .replace("priority = 150", "priority = " + priority);
        Path file = dir.resolve(node + ".conf");
        Files.writeString(file, text);
        Daemon d = new Daemon(new ConfigFile(file), TestConfigs.load(text), new Daemon.Kernel(new InMemoryIpvs(), addresses, new RecordingAnnouncer()),
                new EventLog(new PrintStream(new ByteArrayOutputStream(), true), Clock.systemUTC()));
        daemons.add(d);
        d.start();
        return d;
    }

    static void await(String what, BooleanSupplier cond) {
        Awaitility.await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(cond::getAsBoolean);
    }

    static boolean holds(RecordingAddresses a) {
        return a.current("eth0").stream().anyMatch(x -> x.address().getHostAddress().equals("198.51.100.100"));
    }

    @Test
    void handsOverAndBackCheckingEachLegAndRefusesWhereItCannotRun() throws Exception {
        int p1 = freePort();
        int p2 = freePort();
        Daemon d1 = start("d1", 150, p1, List.of(p1, p2), addresses1);
        Daemon d2 = start("d2", 100, p2, List.of(p1, p2), addresses2);
        // d1's own view must show d2 as BACKUP (d2's state reaches d1 a little after d2 has its role)
        await("d1 master, d2 backup", () -> d1.role() == Role.MASTER && d2.role() == Role.BACKUP
                && d1.view().members().stream().anyMatch(m -> m.nodeId().equals("d2") && m.role() == Role.BACKUP));

        assertThatThrownBy(() -> d2.drill(1, Duration.ZERO)).hasMessageContaining("a drill runs on the master");

        Drill drill = d1.drill(2, Duration.ofMillis(100));

        assertThat(drill.legs()).hasSize(4);
        assertThat(drill.allSucceeded()).as(drill.report()).isTrue();
        assertThat(drill.legs()).extracting(Drill.Leg::to).containsExactly("d2", "d1", "d2", "d1");
        assertThat(drill.legs().get(1).announcements()).as("announced on the way back").isPositive();
        assertThat(drill.progress()).hasSize(4).first().asString().startsWith("leg 1/4 d1->d2: new master after");
        assertThat(drill.finished()).isTrue();
        assertThat(d1.runningDrill()).isEmpty();
        await("d1 master again, d2 backup", () -> d1.role() == Role.MASTER && d2.role() == Role.BACKUP);
        assertThat(holds(addresses1)).isTrue();
        assertThat(holds(addresses2)).isFalse();

        d2.close();
        await("d1 alone", () -> d1.view().members().size() == 1);
        assertThatThrownBy(() -> d1.drill(1, Duration.ZERO)).hasMessageContaining("no healthy peer");
        assertThat(d1.role()).isEqualTo(Role.MASTER);
    }
}
