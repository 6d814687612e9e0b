package io.director.daemon.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import io.director.daemon.status.StatusReport.Health;
import io.director.daemon.status.StatusReport.LastCheck;
import io.director.daemon.status.StatusReport.RealServerStatus;
import io.director.daemon.status.StatusReport.ServiceStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusFormatTest {
    static final StatusReport REPORT = new StatusReport("d1", "master", List.of("d1", "d2", "w"),
            List.of("198.51.100.100/24", "2001:db8::100/64"),
            List.of(new ServiceStatus("tcp 198.51.100.100:80", "wrr", 1, false, List.of(
                    new RealServerStatus("198.51.100.11:80", Health.UP, 1, new LastCheck(true, Duration.ofNanos(2_100_000), ""), 3, 10),
                    new RealServerStatus("198.51.100.12:80", Health.DOWN, 0,
                            new LastCheck(false, Duration.ofMillis(500), "timeout \"after\" 500ms"), 0, 2),
                    new RealServerStatus("198.51.100.13:80", Health.UNKNOWN, 2, null, 0, 0))),
                    new ServiceStatus("udp [2001:db8::100]:53", "rr", 2, true, List.of())));

    @Test
    void textIsAlignedPerService() {
        assertThat(StatusFormat.text(REPORT)).isEqualTo("""
                node d1  role master
                members (3) d1 d2 w
                vips 198.51.100.100/24 2001:db8::100/64

                tcp 198.51.100.100:80  wrr  healthy 1/3  quorum 1
                  real server       health   weight  last check                               active  inactive
                  198.51.100.11:80  up       1       ok 2.1 ms                                3       10
                  198.51.100.12:80  down     0       failed 500.0 ms (timeout "after" 500ms)  0       2
                  198.51.100.13:80  unknown  2       -                                        0       0

                udp [2001:db8::100]:53  rr  healthy 0/0  quorum 2  SORRY SERVER ACTIVE
                  no real servers
                """);
    }

    @Test
    void jsonIsStrictJsonWithEveryField() {
        Config c = ConfigFactory.parseString(StatusFormat.json(REPORT),
                ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON));
        assertThat(c.getString("node")).isEqualTo("d1");
        assertThat(c.getString("role")).isEqualTo("master");
        assertThat(c.getStringList("members")).containsExactly("d1", "d2", "w");
        assertThat(c.getStringList("vips")).containsExactly("198.51.100.100/24", "2001:db8::100/64");
        List<? extends Config> services = c.getConfigList("services");
        assertThat(services).hasSize(2);
        Config web = services.get(0);
        assertThat(web.getString("service")).isEqualTo("tcp 198.51.100.100:80");
        assertThat(web.getInt("healthy")).isEqualTo(1);
        assertThat(web.getBoolean("sorry_server_active")).isFalse();
        List<? extends Config> rs = web.getConfigList("real_servers");
        assertThat(rs.get(0).getDouble("last_check.latency_ms")).isEqualTo(2.1);
        assertThat(rs.get(1).getString("health")).isEqualTo("down");
        assertThat(rs.get(1).getString("last_check.detail")).isEqualTo("timeout \"after\" 500ms");
        assertThat(rs.get(1).getInt("inactive_connections")).isEqualTo(2);
        assertThat(rs.get(2).getIsNull("last_check")).isTrue();
        assertThat(services.get(1).getBoolean("sorry_server_active")).isTrue();
    }

    @Test
    void controlCharactersAreEscaped() {
        assertThat(StatusFormat.quote(new StringBuilder(), "a\u0001b\\c\n").toString()).isEqualTo("\"a\\u0001b\\\\c\\n\"");
    }
}
