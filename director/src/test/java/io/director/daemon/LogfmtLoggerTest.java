package io.director.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

class LogfmtLoggerTest {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final LogfmtLogger log = new LogfmtLogger("org.jgroups.protocols.FD_SOCK2", Level.INFO,
            () -> new PrintStream(bytes, true, StandardCharsets.UTF_8), Clock.fixed(Instant.parse("2026-11-24T04:00:00Z"), ZoneOffset.UTC));

    @Test
    void aLibraryLineIsOneLogfmtLine() {
        log.warn("{}: suspected {} after {} ms", "d1", "d2", 600);
        log.error("cannot \"connect\"", new java.io.IOException("refused"));

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("""
                time=2026-11-24T04:00:00Z level=warn logger=org.jgroups.protocols.FD_SOCK2 msg="d1: suspected d2 after 600 ms"
                time=2026-11-24T04:00:00Z level=error logger=org.jgroups.protocols.FD_SOCK2 msg="cannot \\"connect\\"" error="java.io.IOException: refused"
                """);
    }

    @Test
    void belowTheThresholdNothingIsWritten() {
        log.debug("noise {}", 1);
        log.trace("more noise");
        assertThat(log.isDebugEnabled()).isFalse();
        assertThat(bytes.size()).isZero();
    }

    @Test
    void slf4jFindsTheProvider() {
        assertThat(LoggerFactory.getILoggerFactory()).isInstanceOf(LogfmtLoggers.class);
    }
}
