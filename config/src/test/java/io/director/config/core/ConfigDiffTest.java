package io.director.config.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.director.config.core.ConfigChange.CheckChanged;
import io.director.config.core.ConfigChange.RealServerChanged;
import io.director.config.core.ConfigChange.ServiceAdded;
import io.director.config.core.ConfigChange.ServiceChanged;
import io.director.config.model.DirectorConfig;
import io.director.config.model.RealServerConfig;
import io.director.config.model.ServiceConfig;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ConfigDiffTest {

    @Provide
    Arbitrary<DirectorConfig> configs() {
        return ModelArbitraries.configs();
    }

    @Property(tries = 500)
    void applyingTheDiffGivesTheNewConfiguration(@ForAll("configs") DirectorConfig a, @ForAll("configs") DirectorConfig b) {
        assertThat(ConfigDiff.apply(a, ConfigDiff.diff(a, b))).isEqualTo(b);
    }

    @Property(tries = 200)
    void aConfigurationHasNoDifferenceFromItself(@ForAll("configs") DirectorConfig a) {
        assertThat(ConfigDiff.diff(a, a)).isEmpty();
    }

    @Property(tries = 200)
    void everyChangeHasAOneLineSummary(@ForAll("configs") DirectorConfig a, @ForAll("configs") DirectorConfig b) {
        for (ConfigChange c : ConfigDiff.diff(a, b)) {
            assertThat(c.summary()).isNotBlank().doesNotContain("\n");
        }
    }

    @Property(tries = 200)
    void aWeightChangeIsOneRealServerChange(@ForAll("configs") DirectorConfig a) {
        ServiceConfig s = a.services().stream().filter(x -> !x.realServers().isEmpty()).findFirst().orElse(null);
        if (s == null) {
            return;
        }
        RealServerConfig r = s.realServers().get(0);
        RealServerConfig heavier = new RealServerConfig(r.address(), r.port(), r.weight() + 1, r.upperThreshold(),
                r.lowerThreshold(), r.check());
        List<RealServerConfig> rs = new ArrayList<>(s.realServers());
        rs.set(0, heavier);
        DirectorConfig b = replace(a, s, withRealServers(s, rs));
        List<ConfigChange> changes = ConfigDiff.diff(a, b);
        assertThat(changes).singleElement().isInstanceOfSatisfying(RealServerChanged.class, c ->
                assertThat(c.summary()).isEqualTo("service " + s.id() + ": real server " + r.id() + ": weight "
                        + r.weight() + " -> " + (r.weight() + 1)));
    }

    @Property(tries = 300)
    void servicesChangedInPlaceAreDiffedServiceByService(@ForAll("configs") DirectorConfig a, @ForAll("configs") DirectorConfig c) {
        // b: a with some of its services' settings and real servers taken from c's, under a's ids and order
        List<ServiceConfig> services = new ArrayList<>(a.services());
        for (int i = 0; i < services.size() && i < c.services().size(); i += 2) {
            ServiceConfig from = c.services().get(i);
            ServiceConfig id = services.get(i);
            services.set(i, new ServiceConfig(id.id(), from.scheduler(), from.schedulerFlags(), from.forwarding(),
                    from.persistence(), from.persistenceNetmask(), from.onePacket(), from.quorum(), from.sorryServer(),
                    from.onFailure(), from.check(), from.realServers()));
        }
        DirectorConfig b = new DirectorConfig(a.nodeId(), a.interfaceName(), a.cluster(), a.vips(), a.sync(), a.admin(),
                a.announce(), a.ipvs(), a.notifications(), services);
        List<ConfigChange> changes = ConfigDiff.diff(a, b);
        assertThat(ConfigDiff.apply(a, changes)).isEqualTo(b);
        assertThat(changes).noneMatch(ch -> ch instanceof ServiceAdded || ch instanceof ConfigChange.ServiceRemoved
                || (ch instanceof ConfigChange.OrderChanged o && o.service().isEmpty()));
    }

    static ServiceConfig withRealServers(ServiceConfig s, List<RealServerConfig> rs) {
        return new ServiceConfig(s.id(), s.scheduler(), s.schedulerFlags(), s.forwarding(), s.persistence(),
                s.persistenceNetmask(), s.onePacket(), s.quorum(), s.sorryServer(), s.onFailure(), s.check(), rs);
    }

    static DirectorConfig replace(DirectorConfig c, ServiceConfig old, ServiceConfig neu) {
        List<ServiceConfig> services = new ArrayList<>(c.services());
        services.set(services.indexOf(old), neu);
        return new DirectorConfig(c.nodeId(), c.interfaceName(), c.cluster(), c.vips(), c.sync(), c.admin(), c.announce(),
                c.ipvs(), c.notifications(), services);
    }

    @Test
    void summariesReadLikeALog() {
        DirectorConfig a = io.director.config.hocon.TestConfigs.load("""
                director { node-id = d1, cluster.bind = "198.51.100.2", vips = ["198.51.100.100/24"]
                  services = [ { vip = 198.51.100.100, port = 80, check { type = http, path = "/health" }
                                 real-servers = [ { address = 198.51.100.11 } ] } ] }
                """);
        DirectorConfig b = io.director.config.hocon.TestConfigs.load("""
                director { node-id = d1, cluster.bind = "198.51.100.2", cluster.priority = 150, vips = ["198.51.100.100/24"]
                  services = [ { vip = 198.51.100.100, port = 80, scheduler = lc, check { type = http, path = "/ready" }
                                 real-servers = [ { address = 198.51.100.11 } ] }
                               { vip = 198.51.100.100, port = 443, real-servers = [ { address = 198.51.100.11 } ] } ] }
                """);
        List<String> summaries = ConfigDiff.diff(a, b).stream().map(ConfigChange::summary).toList();
        assertThat(summaries).containsExactly(
                "cluster: priority 100 -> 150",
                "service tcp 198.51.100.100:80: scheduler wrr -> lc",
                "service tcp 198.51.100.100:80: check path /health -> /ready",
                "service tcp 198.51.100.100:443 added (1 real servers)");
        assertThat(ConfigDiff.diff(a, b)).hasAtLeastOneElementOfType(ServiceChanged.class)
                .hasAtLeastOneElementOfType(CheckChanged.class).hasAtLeastOneElementOfType(ServiceAdded.class);
    }
}
