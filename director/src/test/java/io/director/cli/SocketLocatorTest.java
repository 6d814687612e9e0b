package io.director.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocketLocatorTest {
    @TempDir Path run;

    @Test
    void anExplicitSocketWins() throws Exception {
        assertThat(SocketLocator.locate(Path.of("/x/y.sock"), Path.of("/nonexistent.conf"), run)).isEqualTo(Path.of("/x/y.sock"));
    }

    @Test
    void theNodeIdNamesTheSocketWhenTheFileHasNone() throws Exception {
        Path conf = Files.writeString(run.resolve("c.conf"), "director.node-id = d7\n");
        assertThat(SocketLocator.locate(null, conf, Path.of("/run/director"))).isEqualTo(Path.of("/run/director/d7.sock"));
    }

    @Test
    void theFilesAdminSocketWins() throws Exception {
        Path conf = Files.writeString(run.resolve("c.conf"), "director { node-id = d7, admin.socket = /tmp/a.sock }\n");
        assertThat(SocketLocator.locate(null, conf, run)).isEqualTo(Path.of("/tmp/a.sock"));
    }

    @Test
    void aFileWithoutEitherKeyIsAnError() throws Exception {
        Path conf = Files.writeString(run.resolve("c.conf"), "director { interface = eth0 }\n");
        assertThatThrownBy(() -> SocketLocator.locate(null, conf, run))
                .hasMessage(conf + ": has neither director.admin.socket nor director.node-id to find the daemon by");
        Path broken = Files.writeString(run.resolve("b.conf"), "director { node-id = \n");
        assertThatThrownBy(() -> SocketLocator.locate(null, broken, run)).hasMessageStartingWith(broken + ": cannot find the daemon's socket in it: ");
    }

    @Test
    void theOnlySocketInTheRunDirectory() throws Exception {
        Files.createFile(run.resolve("d1.sock"));
        Files.createFile(run.resolve("d1.sock.lock"));
        assertThat(SocketLocator.locate(null, null, run)).isEqualTo(run.resolve("d1.sock"));
        Files.createFile(run.resolve("d2.sock"));
        assertThatThrownBy(() -> SocketLocator.locate(null, null, run))
                .hasMessage("several director daemons in " + run + ": d1.sock, d2.sock; choose one with --socket PATH or -c FILE");
    }

    @Test
    void noSocketAtAll() {
        assertThatThrownBy(() -> SocketLocator.locate(null, null, run))
                .hasMessage("no director daemon found: no *.sock in " + run + "; is the daemon running?");
        assertThatThrownBy(() -> SocketLocator.locate(null, null, run.resolve("absent")))
                .hasMessageStartingWith("no director daemon found: " + run.resolve("absent") + " does not exist");
    }
}
