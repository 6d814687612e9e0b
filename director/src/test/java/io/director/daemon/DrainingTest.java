package io.director.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.director.config.model.DirectorConfig;
import io.director.ipvs.IpvsTable;
import io.director.ipvs.ObservedDest;
import io.director.ipvs.ObservedService;
import io.director.ipvs.Stats;
import io.director.plan.DesiredTables;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrainingTest {
    static final long S = 1_000_000_000L;

    final DirectorConfig three = TestConfigs.load(TestConfigs.text(3, ""));
    final DirectorConfig two = TestConfigs.load(TestConfigs.text(2, ""));

    IpvsTable tableWithActive(int activeOnThird) {
        var service = three.services().get(0);
        List<ObservedDest> dests = service.realServers().stream()
                .map(rs -> new ObservedDest(DesiredTables.dest(service, rs, rs.weight()),
                        rs.address().getHostAddress().endsWith(".13") ? activeOnThird : 0, 0, 0, Stats.ZERO))
                .toList();
        return new IpvsTable(List.of(new IpvsTable.Entry(new ObservedService(DesiredTables.service(service), Stats.ZERO), dests)));
    }

    @Test
    void aRemovedRealServerDrainsAtWeightZeroUntilItsConnectionsEnd() {
        Draining d = new Draining();
        d.start(three, two, 0, Duration.ofSeconds(60));
        assertThat(d.current()).singleElement().satisfies(x -> {
            assertThat(x.dest().key().address().getHostAddress()).isEqualTo("198.51.100.13");
            assertThat(x.dest().weight()).isZero();
        });
        assertThat(d.release(tableWithActive(4), 10 * S)).isEmpty();
        assertThat(d.release(tableWithActive(0), 11 * S)).hasSize(1);
        assertThat(d.current()).isEmpty();
    }

    @Test
    void theDrainTimeoutEndsItEvenWithConnectionsLeft() {
        Draining d = new Draining();
        d.start(three, two, 0, Duration.ofSeconds(60));
        assertThat(d.release(tableWithActive(4), 59 * S)).isEmpty();
        assertThat(d.release(tableWithActive(4), 60 * S)).hasSize(1);
    }

    @Test
    void aReloadThatAlsoAddsAServiceStillDrainsTheRemovedRealServer() {
        DirectorConfig twoAndAnother = new DirectorConfig(two.nodeId(), two.interfaceName(), two.cluster(), two.vips(),
                two.sync(), two.admin(), two.announce(), two.ipvs(), two.notifications(),
                List.of(TestConfigs.load(TestConfigs.text(1, "").replace("port = 80", "port = 81")).services().get(0),
                        two.services().get(0)));
        Draining d = new Draining();
        d.start(three, twoAndAnother, 0, Duration.ofSeconds(60));
        assertThat(d.current()).singleElement()
                .satisfies(x -> assertThat(x.dest().key().address().getHostAddress()).isEqualTo("198.51.100.13"));
    }

    @Test
    void aRealServerThatComesBackStopsDraining() {
        Draining d = new Draining();
        d.start(three, two, 0, Duration.ofSeconds(60));
        d.start(two, three, 1, Duration.ofSeconds(60));
        assertThat(d.current()).isEmpty();
    }
}
