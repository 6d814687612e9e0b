package io.director.config.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The pure packages (core, model) stay free of I/O, threads, clocks and typesafe-config. */
class PurityTest {
    static final List<String> FORBIDDEN = List.of("com.typesafe", "java.io.", "java.nio.file.Files", "java.net.Socket",
            "new Thread", "Executors", "System.currentTimeMillis", "System.nanoTime", "Instant.now", "Clock");

    @Test
    void coreAndModelImportNoIoThreadsClocksOrTypesafeConfig() throws IOException {
        for (String pkg : List.of("core", "model")) {
            Path dir = Path.of("src/main/java/io/director/config", pkg);
            try (Stream<Path> files = Files.list(dir)) {
                List<Path> sources = files.filter(p -> p.toString().endsWith(".java")).toList();
                assertThat(sources).isNotEmpty();
                for (Path f : sources) {
                    String text = Files.readString(f);
                    for (String word : FORBIDDEN) {
                        assertThat(text).as(f + " uses " + word).doesNotContain(word);
                    }
                }
            }
        }
    }
}
