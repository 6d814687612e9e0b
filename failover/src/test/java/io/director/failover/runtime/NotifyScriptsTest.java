package io.director.failover.runtime;

import io.director.config.model.NotifyConfig;
import io.director.failover.core.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class NotifyScriptsTest {

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void runsTheRoleCommandAndTheAnyCommandWithKeepalivedArguments(@TempDir Path dir) {
        Path log = dir.resolve("log");
        // the any command gets keepalived's notify arguments appended
        Path script = dir.resolve("any.sh");
        writeScript(script, "#!/bin/sh\necho \"$*\" >> " + log + "\n");
        NotifyConfig config = new NotifyConfig(Optional.of("echo master >> " + log),
                Optional.of("echo backup >> " + log), Optional.of("echo fault >> " + log),
                Optional.of("sh " + script), Optional.empty(), Optional.empty(), Duration.ofSeconds(5));
        try (NotifyScripts notify = new NotifyScripts(config, "lvs-prod", 150)) {
            notify.roleChanged(Role.INIT, Role.BACKUP, "joined");
            notify.roleChanged(Role.BACKUP, Role.MASTER, "elected");
            notify.roleChanged(Role.MASTER, Role.FAULT, "eth0 down");
            notify.roleChanged(Role.FAULT, Role.STOPPED, "stopped");
            notify.roleChanged(Role.INIT, Role.WITNESS, "witness");
        }
        assertThat(lines(log)).containsExactly(
                "backup", "INSTANCE lvs-prod BACKUP 150",
                "master", "INSTANCE lvs-prod MASTER 150",
                "fault", "INSTANCE lvs-prod FAULT 150",
                "INSTANCE lvs-prod STOP 150");
    }

    @Test
    void aHangingCommandIsKilledAfterItsTimeoutAndTheNextOneStillRuns(@TempDir Path dir) {
        Path log = dir.resolve("log");
        NotifyConfig config = new NotifyConfig(Optional.of("sleep 30; echo late >> " + log),
                Optional.of("echo backup >> " + log), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Duration.ofMillis(300));
        long start = System.nanoTime();
        try (NotifyScripts notify = new NotifyScripts(config, "c", 1)) {
            notify.roleChanged(Role.BACKUP, Role.MASTER, "elected");
            notify.roleChanged(Role.MASTER, Role.BACKUP, "handover");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(lines(log)).containsExactly("backup");
    }

    private static void writeScript(Path script, String text) {
        try {
            Files.writeString(script, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
