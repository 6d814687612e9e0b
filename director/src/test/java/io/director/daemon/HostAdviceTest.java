package io.director.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.director.net.realserver.Sysctls;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ForwardingAdviceTest {
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
        assertThat(ForwardingAdvice.of(TestConfigs.load(TestConfigs.text(2, "")), of(DEFAULTS))).isEmpty();
    }

    @Test
    void natOnAnUnpreparedHostGetsOneLinePerSetting() throws Exception {
        String nat = TestConfigs.text(2, "").replace("forwarding = dr", "forwarding = nat");
        assertThat(ForwardingAdvice.of(TestConfigs.load(nat), of(DEFAULTS))).containsExactly(
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
        assertThat(ForwardingAdvice.of(TestConfigs.load(nat), of(prepared))).isEmpty();
    }
}
