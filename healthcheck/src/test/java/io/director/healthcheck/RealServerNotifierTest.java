package io.director.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.director.config.model.NotifyConfig;
import io.director.config.model.RealServerId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealServerNotifierTest {

    private static final RealServerId RS = new RealServerId(Fixtures.ip("198.51.100.11"), 80);

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    void runsUpAndDownCommandsInOrderWithServiceAndRealServer(@TempDir Path dir) {
        Path log = dir.resolve("log");
        String append = "echo \"$DIRECTOR_EVENT|$1|$2|$DIRECTOR_REASON\" >> " + log;
        NotifyConfig config = new NotifyConfig(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(append), Optional.of(append), Duration.ofSeconds(5));
        try (RealServerNotifier notifier = new RealServerNotifier(config)) {
            notifier.onEvent(new HealthEvent.RealServerDown(Fixtures.serviceId(80), RS, "status 500"));
            notifier.onEvent(new HealthEvent.QuorumLost(Fixtures.serviceId(80), 0, 1));
            notifier.onEvent(new HealthEvent.RealServerUp(Fixtures.serviceId(80), RS));
        }
        assertThat(read(log)).isEqualTo(
                "down|tcp 198.51.100.100:80|198.51.100.11:80|status 500\n"
                        + "up|tcp 198.51.100.100:80|198.51.100.11:80|\n");
    }

    @Test
    void aHangingCommandIsKilledAtTheTimeoutAndTheNextOneRuns(@TempDir Path dir) {
        Path log = dir.resolve("log");
        NotifyConfig config = new NotifyConfig(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("echo up >> " + log), Optional.of("sleep 60"), Duration.ofMillis(300));
        RealServerNotifier notifier = new RealServerNotifier(config);
        notifier.onEvent(new HealthEvent.RealServerDown(Fixtures.serviceId(80), RS, "x"));
        notifier.onEvent(new HealthEvent.RealServerUp(Fixtures.serviceId(80), RS));
        EngineHarness.await("the up command after the killed down command", Duration.ofSeconds(10),
                () -> read(log).equals("up\n"));
        notifier.close();
    }
}
