package io.director.failover.core;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure core imports no JGroups or sockets, starts no threads and reads no clock. */
class CorePurityTest {
    private static final List<String> FORBIDDEN = List.of("org.jgroups", "java.net", "java.nio.channels",
            "new Thread", "Executor", "System.nanoTime", "System.currentTimeMillis", "Instant.now", "Clock",
            "org.slf4j", "java.io.File", "java.nio.file");

    @Test
    void coreSourcesStayPure() throws IOException {
        Path core = Path.of("src/main/java/io/director/failover/core");
        assertThat(core).isDirectory();
        try (Stream<Path> files = Files.list(core)) {
            for (Path file : files.toList()) {
                String text = Files.readString(file);
                for (String forbidden : FORBIDDEN) {
                    assertThat(text).as("%s uses %s", file.getFileName(), forbidden).doesNotContain(forbidden);
                }
            }
        }
    }
}
