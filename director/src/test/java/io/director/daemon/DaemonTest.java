package io.director.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.director.config.hocon.ConfigFile;
import io.director.config.model.DirectorConfig;
import io.director.failover.core.Role;
import io.director.ipvs.DestKey;
import io.director.ipvs.DestSpec;
import io.director.ipvs.Forwarding;
import io.director.ipvs.InMemoryIpvs;
import io.director.ipvs.IpvsOp;
import io.director.ipvs.IpvsTable;
import io.director.ipvs.Protocol;
import io.director.ipvs.ServiceKey;
import java.net.InetAddress;
import io.director.net.RecordingAddresses;
import io.director.net.RecordingAnnouncer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon wired to recording fakes of the kernel and a one-member cluster on loopback: it becomes
 * master, holds and announces the VIP, programs IPVS, repairs drift and applies reloads as minimal
 * diffs. The real kernel is proven in the lab (DirectorPairLabTest); this pins the wiring down fast.
 */
class DaemonTest {
    @TempDir Path dir;
    final InMemoryIpvs ipvs = new InMemoryIpvs();
    final RecordingAddresses addresses = new RecordingAddresses().withInterface("eth0");
    final RecordingAnnouncer announcer = new RecordingAnnouncer();
    final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    Daemon daemon;

    String config(int realServers, String extra) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        return TestConfigs.text(realServers, "ipvs { repair-interval = 100ms }\n" + extra)
                .replace("127.0.0.1:7800", "127.0.0.1:" + port)
                .replace("name = test", "name = test\n    join-timeout = 500ms")
                .replace("sync { ", "sync { ");
    }

    Daemon start(String text) throws Exception {
        Path file = dir.resolve("director.conf");
        Files.writeString(file, text);
        DirectorConfig c = TestConfigs.load(text);
        daemon = new Daemon(new ConfigFile(file), c, new Daemon.Kernel(ipvs, addresses, announcer),
                new EventLog(new PrintStream(logBytes, true), Clock.systemUTC()));
        daemon.start();
        return daemon;
    }

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    String log() {
        return logBytes.toString();
    }

    static void await(String what, BooleanSupplier cond) {
        Awaitility.await(what).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(cond::getAsBoolean);
    }

    int dests() {
        try {
            IpvsTable t = ipvs.table();
            return t.destCount();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aLoneDirectorBecomesMasterHoldsAnnouncesAndProgramsTheTable() throws Exception {
        start(config(3, ""));
        await("master", () -> daemon.role() == Role.MASTER);
        await("VIP added", () -> addresses.current("eth0").stream().anyMatch(a -> a.address().getHostAddress().equals("198.51.100.100")));
        await("announced", () -> !announcer.announcements().isEmpty());
        assertThat(dests()).isEqualTo(3);
        await("role change and VIP logged", () -> log().contains("event=role-change") && log().contains("to=MASTER")
                && log().contains("event=vip-added"));
    }

    @Test
    void aFlushedTableIsRepairedByTheDriftCheck() throws Exception {
        start(config(3, ""));
        await("programmed", () -> dests() == 3);
        ipvs.flush();
        await("repaired", () -> dests() == 3);
        // The summary line follows the ops it counts: wait for it rather than race it.
        await("the repair logged", () -> log().contains("event=drift-repaired what=ipvs"));
    }

    @Test
    void aReloadAppliesOnlyTheDifferenceAndRefusesAnInvalidFile() throws Exception {
        String text = config(3, "");
        start(text);
        await("programmed", () -> dests() == 3);
        ipvs.clearRecord();
        Path file = dir.resolve("director.conf");

        Files.writeString(file, text.replace("scheduler = wrr", "scheduler = nope"));
        ReloadOutcome refused = daemon.reload("test");
        assertThat(refused.applied()).isFalse();
        assertThat(refused.text()).contains("director.conf:").contains("nope");
        assertThat(ipvs.requested()).isEmpty();

        Files.writeString(file, text.replace("198.51.100.13, port = 80, weight = 3", "198.51.100.13, port = 80, weight = 7"));
        ReloadOutcome applied = daemon.reload("test");
        assertThat(applied.applied()).as(applied.text()).isTrue();
        assertThat(ipvs.requested()).singleElement().isInstanceOf(IpvsOp.EditDest.class);
        assertThat(applied.ipvsOps()).isEqualTo(1);
        assertThat(applied.text()).matches("(?s)reload applied in \\d+\\.\\d ms, 1 IPVS operation:\n  .*198\\.51\\.100\\.13.*");
        assertThat(log()).containsPattern("event=reload-done trigger=test changes=1 ipvs-ops=1 ipvs-refused=0 elapsed-ms=\\d+\\.\\d");

        ipvs.clearRecord();
        assertThat(daemon.reload("test").text()).isEqualTo("reload: no changes");
        assertThat(ipvs.requested()).isEmpty();
    }

    @Test
    void aReloadReadsAndChangesOnlyTheServicesItChanges() throws Exception {
        String port80 = "{ vip = 198.51.100.100, port = 80, real-servers = [ { address = 198.51.100.11 } ] }";
        String port81 = "{ vip = 198.51.100.100, port = 81, real-servers = [ { address = 198.51.100.12 } ] }";
        String text = config(0, "ipvs { repair-interval = 1h }").replaceFirst("(?s)services = \\[.*?\\]\\s*}\\s*\\]",
                "services = [\n" + port80 + "\n" + port81 + "\n]");
        start(text);
        await("programmed", () -> dests() == 2);
        // Drift in the other service that only the (hour-long) drift check would repair.
        ipvs.apply(new IpvsOp.EditDest(ServiceKey.of(Protocol.TCP, InetAddress.getByName("198.51.100.100"), 81),
                DestSpec.of(DestKey.of(InetAddress.getByName("198.51.100.12"), 81), Forwarding.DR, 9)));
        ipvs.clearRecord();
        Files.writeString(dir.resolve("director.conf"), text.replace("address = 198.51.100.11 }", "address = 198.51.100.11, weight = 4 }"));
        ReloadOutcome applied = daemon.reload("test");
        assertThat(applied.ipvsOps()).as(applied.text()).isEqualTo(1);
        assertThat(ipvs.requested()).singleElement().hasToString("edit dest tcp 198.51.100.100:80 -> 198.51.100.11:80 weight 4");
    }

    @Test
    void aRemovedRealServerWithNoConnectionsGoesInOneOperation() throws Exception {
        String text = config(3, "");
        start(text);
        await("programmed", () -> dests() == 3);
        ipvs.clearRecord();
        Files.writeString(dir.resolve("director.conf"), config(2, "").replaceAll("127.0.0.1:\\d+", text.replaceAll("(?s).*bind = \"(127.0.0.1:\\d+)\".*", "$1")));
        assertThat(daemon.reload("test").applied()).isTrue();
        // Nothing to drain (no active connection in the fake, see DrainingTest for the rule): one delete.
        await("deleted", () -> dests() == 2);
        assertThat(ipvs.requested()).singleElement().hasToString("delete dest tcp 198.51.100.100:80 -> 198.51.100.13:80");
    }

    @Test
    void notifyCommandsFollowAReload() throws Exception {
        String text = config(1, "");
        start(text);
        await("master", () -> daemon.role() == Role.MASTER);
        Path notified = dir.resolve("notified");
        String withNotify = text.replace("ipvs { repair-interval = 100ms }",
                "ipvs { repair-interval = 100ms }\nnotify { any = \"echo >> '" + notified + "'\" }");
        Files.writeString(dir.resolve("director.conf"), withNotify);
        assertThat(daemon.reload("test").applied()).isTrue();

        daemon.close(); // MASTER -> STOPPED runs the command the reload brought, and waits for it
        daemon = null;
        assertThat(Files.readString(notified)).isEqualTo("INSTANCE test STOP 150\n");
    }

    @Test
    void stoppingReleasesTheVips() throws Exception {
        start(config(1, ""));
        await("master", () -> daemon.role() == Role.MASTER);
        await("VIP added", () -> !addresses.current("eth0").isEmpty());
        daemon.close();
        daemon = null;
        assertThat(addresses.current("eth0")).noneMatch(a -> a.address().getHostAddress().equals("198.51.100.100"));
    }
}
