package io.director.healthcheck.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The core stays pure: no Netty, no threads or executors, no clock reads, no I/O. */
class CorePurityTest {

    private static final List<String> FORBIDDEN = List.of(
            "io.netty", "java.util.concurrent", "java.io", "java.nio", "java.net.Socket", "new Thread",
            "System.nanoTime", "System.currentTimeMillis", "Instant.now", "Clock", "ProcessBuilder");

    @Test
    void coreSourcesUseNoIoThreadsOrClocks() throws IOException {
        Path core = Path.of("src/main/java/io/director/healthcheck/core");
        assertThat(core).isDirectory();
        try (Stream<Path> files = Files.list(core)) {
            for (Path file : files.toList()) {
                String source = Files.readString(file);
                for (String word : FORBIDDEN) {
                    assertThat(source).as("%s uses %s", file.getFileName(), word).doesNotContain(word);
                }
            }
        }
    }
}
