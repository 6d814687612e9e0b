package io.director.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.director.net.realserver.Sysctls;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostAdviceTest {
    /** Sysctls from a map; a missing path is a parameter the kernel does not have. */
    static Sysctls of(Map<String, String> values) {
        Map<String, String> m = new HashMap<>(values);
        return new Sysctls() {
            @Override
            public Optional<String> read(String path) {
                return Optional.ofNullable(m.get(path));
            }

            @Override
            public void write(String path, String value) {
                throw new AssertionError("advice never writes: " + path);
            }
        };
    }

    static final Map<String, String> DEFAULTS = Map.of("net/ipv4/ip_forward", "0", "net/ipv4/conf/all/send_redirects", "1",
            "net/ipv4/conf/eth0/send_redirects", "1", "net/ipv6/conf/all/forwarding", "0");

    @Test
    void directRoutingNeedsNothingFromTheHost() throws Exception {
        assertThat(HostAdvice.of(TestConfigs.load(TestConfigs.text(2, "")), of(DEFAULTS))).isEmpty();
    }

    @Test
    void natOnAnUnpreparedHostGetsOneLinePerSetting() throws Exception {
        String nat = TestConfigs.text(2, "").replace("forwarding = dr", "forwarding = nat");
        assertThat(HostAdvice.of(TestConfigs.load(nat), of(DEFAULTS))).containsExactly(
                "forwarding = nat: the director forwards the real servers' replies; set net.ipv4.ip_forward = 1 (it is 0)",
                "forwarding = nat on one LAN: ICMP redirects would send the real servers' replies around the director;"
                        + " set net.ipv4.conf.all.send_redirects = 0 (it is 1)",
                "forwarding = nat on one LAN: ICMP redirects would send the real servers' replies around the director;"
                        + " set net.ipv4.conf.eth0.send_redirects = 0 (it is 1)");
    }

    @Test
    void natOnAPreparedHostIsQuiet() throws Exception {
        String nat = TestConfigs.text(2, "").replace("forwarding = dr", "forwarding = nat");
        Map<String, String> prepared = Map.of("net/ipv4/ip_forward", "1", "net/ipv4/conf/all/send_redirects", "0",
                "net/ipv4/conf/eth0/send_redirects", "0");
        assertThat(HostAdvice.of(TestConfigs.load(nat), of(prepared))).isEmpty();
    }

    @Test
    void withoutExpireNodestConnADrainedServerWouldStillGetConnections() throws Exception {
        Map<String, String> off = new HashMap<>(DEFAULTS);
        off.put("net/ipv4/vs/expire_nodest_conn", "0");
        assertThat(HostAdvice.of(TestConfigs.load(TestConfigs.text(2, "")), of(off))).containsExactly(
                "new connections from a reused client port would follow old entries to drained (weight 0) or removed real"
                        + " servers; set net.ipv4.vs.expire_nodest_conn = 1 (it is 0)");
        off.put("net/ipv4/vs/expire_nodest_conn", "1");
        assertThat(HostAdvice.of(TestConfigs.load(TestConfigs.text(2, "")), of(off))).isEmpty();
    }
}
