package io.director.config.hocon;

import static org.assertj.core.api.Assertions.assertThat;

import io.director.config.model.DirectorConfig;
import io.director.config.model.Endpoint;
import io.director.config.model.Forwarding;
import io.director.config.model.HttpCheck;
import io.director.config.model.MemberRole;
import io.director.config.model.OnFailure;
import io.director.config.model.Protocol;
import io.director.config.model.ServiceConfig;
import io.director.config.model.StatusRange;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    static DirectorConfig designExample() {
        LoadResult r = ConfigLoader.load(Path.of("src/test/resources/design-example.conf"));
        assertThat(r.problemLines()).isEmpty();
        return r.config().orElseThrow();
    }

    @Test
    void loadsTheDesignExample() throws Exception {
        DirectorConfig c = designExample();
        assertThat(c.nodeId()).isEqualTo("d1");
        assertThat(c.interfaceName()).isEqualTo("eth0");
        assertThat(c.cluster().name()).isEqualTo("lvs-prod");
        assertThat(c.cluster().bind()).isEqualTo(new Endpoint(InetAddress.getByName("198.51.100.2"), 7800));
        assertThat(c.cluster().members()).hasSize(2);
        assertThat(c.cluster().priority()).isEqualTo(150);
        assertThat(c.cluster().preempt()).isTrue();
        assertThat(c.cluster().keyFile()).contains(Path.of("/etc/director/cluster.key"));
        assertThat(c.cluster().role()).isEqualTo(MemberRole.DIRECTOR);
        assertThat(c.vips()).hasSize(1);
        assertThat(c.vips().get(0).prefixLength()).isEqualTo(24);
        assertThat(c.sync().syncId()).isEqualTo(1);
        assertThat(c.sync().interfaceName()).contains("eth0");
        assertThat(c.admin().socket()).isEqualTo(Path.of("/run/director/d1.sock"));
        assertThat(c.admin().metrics()).contains(new Endpoint(InetAddress.getByName("127.0.0.1"), 9712));
        assertThat(c.services()).hasSize(1);
        ServiceConfig s = c.services().get(0);
        assertThat(s.id().protocol()).isEqualTo(Protocol.TCP);
        assertThat(s.id().vip()).isEqualTo(InetAddress.getByName("198.51.100.100"));
        assertThat(s.id().port()).isEqualTo(80);
        assertThat(s.scheduler()).isEqualTo("wrr");
        assertThat(s.forwarding()).isEqualTo(Forwarding.DR);
        assertThat(s.persistence()).isZero();
        assertThat(s.persistenceNetmask()).isEqualTo(32);
        assertThat(s.quorum().minimum()).isEqualTo(1);
        assertThat(s.sorryServer()).contains(new Endpoint(InetAddress.getByName("198.51.100.20"), 80));
        assertThat(s.onFailure()).isEqualTo(OnFailure.REMOVE);
        HttpCheck check = (HttpCheck) s.check().orElseThrow();
        assertThat(check.path()).isEqualTo("/health");
        assertThat(check.expect()).containsExactly(StatusRange.of(200));
        assertThat(check.timing().interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(check.timing().timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(check.timing().rise()).isEqualTo(2);
        assertThat(s.realServers()).hasSize(2);
        assertThat(s.realServers().get(1).weight()).isEqualTo(2);
        assertThat(s.realServers().get(1).check()).isEqualTo(Optional.empty());
    }

    @Test
    void appliesDefaultsFromReferenceConf() {
        LoadResult r = ConfigLoader.loadText("""
                director {
                  node-id = n1
                  cluster.bind = "198.51.100.2"
                  vips = ["198.51.100.100"]
                  services = [ { vip = 198.51.100.100, real-servers = [ { address = 198.51.100.11 } ] } ]
                }
                """, "t.conf");
        assertThat(r.problemLines()).isEmpty();
        DirectorConfig c = r.config().orElseThrow();
        assertThat(c.cluster().bind().port()).isEqualTo(7800);
        assertThat(c.vips().get(0).prefixLength()).isEqualTo(32);
        assertThat(c.admin().socket()).isEqualTo(Path.of("/run/director/n1.sock"));
        ServiceConfig s = c.services().get(0);
        assertThat(s.id().port()).isEqualTo(80);
        assertThat(s.realServers().get(0).port()).isEqualTo(80);
        assertThat(s.realServers().get(0).weight()).isEqualTo(1);
        assertThat(s.check()).isEmpty();
        assertThat(c.notifications().timeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void reportsEveryProblemWithFileAndLine() {
        LoadResult r = ConfigLoader.loadText("""
                director {
                  node-id = n1
                  cluster { bind = "198.51.100.2", prority = 10 }
                  vips = ["198.51.100.100/24"]
                  services = [
                    { vip = 198.51.100.100, port = 80, scheduler = wrrr,
                      real-servers = [ { address = 198.51.100.11, weight = 70000 }, { address = "2001:db8::11" } ] }
                    { vip = 198.51.100.100, port = 80, real-servers = [ { address = 198.51.100.300 } ] }
                  ]
                }
                """, "t.conf");
        assertThat(r.isValid()).isFalse();
        List<String> lines = r.problemLines();
        assertThat(lines).anyMatch(l -> l.startsWith("t.conf:3: cluster.prority: unknown key") && l.contains("did you mean priority?"));
        assertThat(lines).anyMatch(l -> l.startsWith("t.conf:6: services[0].scheduler: unknown scheduler \"wrrr\"") && l.contains("did you mean wrr?"));
        assertThat(lines).anyMatch(l -> l.startsWith("t.conf:7: services[0].real-servers[0].weight:"));
        assertThat(lines).anyMatch(l -> l.startsWith("t.conf:7: services[0].real-servers[1].address:") && l.contains("family"));
        assertThat(lines).anyMatch(l -> l.startsWith("t.conf:8: services[1].real-servers[0].address: invalid IP address"));
        assertThat(lines).anyMatch(l -> l.startsWith("t.conf:8: services[1].vip: duplicate service") && l.contains("line 6"));
    }

    @Test
    void checksFallBackToTheServiceCheckThenToCheckDefaults() {
        LoadResult r = ConfigLoader.loadText("""
                director {
                  node-id = n1
                  cluster.bind = "198.51.100.2"
                  vips = ["198.51.100.100"]
                  check-defaults { interval = 3s, rise = 4 }
                  service-defaults { scheduler = lc, check { type = http, path = "/ping" } }
                  services = [
                    { vip = 198.51.100.100, check { type = http, path = "/health", timeout = 250ms }
                      real-servers = [ { address = 198.51.100.11 }, { address = 198.51.100.12, check { port = 8080 } } ] }
                    { vip = 198.51.100.100, port = 443, real-servers = [ { address = 198.51.100.11 } ] }
                  ]
                }
                """, "t.conf");
        assertThat(r.problemLines()).isEmpty();
        ServiceConfig web = r.config().orElseThrow().services().get(0);
        assertThat(web.scheduler()).isEqualTo("lc");
        HttpCheck serviceCheck = (HttpCheck) web.check().orElseThrow();
        assertThat(serviceCheck.path()).isEqualTo("/health");
        assertThat(serviceCheck.timing().timeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(serviceCheck.timing().interval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(serviceCheck.timing().rise()).isEqualTo(4);
        assertThat(serviceCheck.expect()).containsExactly(new StatusRange(200, 299));
        HttpCheck own = (HttpCheck) web.realServers().get(1).check().orElseThrow();
        assertThat(own.port()).hasValue(8080);
        assertThat(own.path()).isEqualTo("/health");
        assertThat(own.timing().timeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(own.timing().rise()).isEqualTo(4);
        HttpCheck inherited = (HttpCheck) r.config().orElseThrow().services().get(1).check().orElseThrow();
        assertThat(inherited.path()).isEqualTo("/ping");
        assertThat(inherited.timing().interval()).isEqualTo(Duration.ofSeconds(3));
    }
}
