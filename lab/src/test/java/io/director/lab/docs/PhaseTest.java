package io.director.lab.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PhaseTest {
    private static List<DocCommand> block(String... commands) {
        return java.util.Arrays.stream(commands).map(c -> new DocCommand("doc.md", 1, c)).toList();
    }

    @Test
    void aBlockThatTalksToTheDaemonRunsWithThePairUp() {
        assertThat(Phase.of(block("director check -c /etc/director/director.conf", "director reload"))).isEqualTo(Phase.PAIR);
        assertThat(Phase.of(block("director status --json"))).isEqualTo(Phase.PAIR);
        assertThat(Phase.of(block("director failover --to d1"))).isEqualTo(Phase.PAIR);
    }

    @Test
    void aBlockThatStopsTheDaemonOrClearsItsTableRunsLast() {
        assertThat(Phase.of(block("systemctl stop director", "ipvsadm -C", "systemctl start keepalived"))).isEqualTo(Phase.ROLLBACK);
        assertThat(Phase.of(block("director status", "ipvsadm -Ln"))).isEqualTo(Phase.ROLLBACK);
    }

    @Test
    void otherBlocksNeedNoDaemon() {
        assertThat(Phase.of(block("director apply -c /etc/director/director.conf --once", "director list"))).isEqualTo(Phase.SINGLE);
        assertThat(Phase.of(block("systemctl enable --now director", "journalctl -u director -f"))).isEqualTo(Phase.SINGLE);
        assertThat(Phase.of(block("echo director status"))).isEqualTo(Phase.SINGLE);
    }
}
