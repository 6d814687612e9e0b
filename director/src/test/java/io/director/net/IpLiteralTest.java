package io.director.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import org.junit.jupiter.api.Test;

class IpLiteralTest {

    @Test
    void parsesBothFamilies() {
        assertThat(IpLiteral.parse("198.51.100.100")).isInstanceOf(Inet4Address.class)
                .extracting(a -> a.getHostAddress()).isEqualTo("198.51.100.100");
        assertThat(IpLiteral.parse("2001:db8::100")).isInstanceOf(Inet6Address.class)
                .extracting(a -> a.getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:100");
    }

    @Test
    void rejectsNamesAndMalformedLiteralsWithoutResolving() {
        for (String bad : new String[] {"localhost", "example.org", "198.51.100.300", "1.2.3", "2001:db8:::1:", ""}) {
            assertThatThrownBy(() -> IpLiteral.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("not an IP address: " + bad);
        }
    }

    @Test
    void formatsIpv6TheWayIpPrintsIt() {
        assertThat(IpLiteral.format(IpLiteral.parse("2001:0db8:0:0:0:0:0:0100"))).isEqualTo("2001:db8::100");
        assertThat(IpLiteral.format(IpLiteral.parse("::"))).isEqualTo("::");
        assertThat(IpLiteral.format(IpLiteral.parse("::1"))).isEqualTo("::1");
        assertThat(IpLiteral.format(IpLiteral.parse("fe80::"))).isEqualTo("fe80::");
        assertThat(IpLiteral.format(IpLiteral.parse("2001:db8:0:1:0:0:0:1"))).isEqualTo("2001:db8:0:1::1");
        assertThat(IpLiteral.format(IpLiteral.parse("2001:db8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(IpLiteral.format(IpLiteral.parse("2001:db8:1:1:1:1:0:1"))).isEqualTo("2001:db8:1:1:1:1:0:1");
        assertThat(IpLiteral.format(IpLiteral.parse("198.51.100.100"))).isEqualTo("198.51.100.100");
    }
}
