package io.director.config.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressesTest {

    @ParameterizedTest
    @CsvSource({
        "2001:db8:0:0:0:0:0:100, 2001:db8::100",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "0:0:0:0:0:0:0:1, ::1",
        "0:0:0:0:0:0:0:0, ::",
        "2001:db8:1:2:3:4:5:6, 2001:db8:1:2:3:4:5:6",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "198.51.100.100, 198.51.100.100",
    })
    void printsAddressesAsIpDoes(String in, String out) throws Exception {
        assertThat(Addresses.text(InetAddress.getByName(in))).isEqualTo(out);
    }
}
