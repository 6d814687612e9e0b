package io.director.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventLogTest {

    @Test
    void plainValuesStayBareAndOthersAreQuoted() {
        String line = EventLog.line(Instant.parse("2026-11-24T00:00:00Z"), "role-change",
                "from", "BACKUP", "to", "MASTER", "reason", "peer d1 left (view 3)", "note", "a\"b\nc", "empty", "");
        assertThat(line).isEqualTo("time=2026-11-24T00:00:00Z event=role-change from=BACKUP to=MASTER"
                + " reason=\"peer d1 left (view 3)\" note=\"a\\\"b\\nc\" empty=\"\"");
    }

    @Test
    void aDanglingKeyWithoutValueIsDropped() {
        assertThat(EventLog.line(Instant.EPOCH, "x", "k")).isEqualTo("time=1970-01-01T00:00:00Z event=x");
    }
}
