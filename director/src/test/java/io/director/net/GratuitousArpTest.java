package io.director.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class GratuitousArpTest {
    private static final byte[] MAC = HexFormat.of().parseHex("020000000002");

    private static Inet4Address vip() throws Exception {
        return (Inet4Address) InetAddress.getByName("198.51.100.100");
    }

    @Test
    void requestFormIsBroadcastWithZeroTargetMacAndTheVipAsBothAddresses() throws Exception {
        EthernetFrame frame = GratuitousArp.request(MAC, vip());

        assertThat(HexFormat.of().formatHex(frame.bytes())).isEqualTo(
                "ffffffffffff" + "020000000002" + "0806"          // Ethernet: broadcast, from us, ARP
                + "0001" + "0800" + "06" + "04" + "0001"          // Ethernet/IPv4, request
                + "020000000002" + "c6336464"                     // sender: our MAC, the VIP
                + "000000000000" + "c6336464");                   // target: zero MAC, the VIP
        assertThat(frame.destination()).containsExactly(-1, -1, -1, -1, -1, -1);
        assertThat(frame.etherType()).isEqualTo(0x0806);
    }

    @Test
    void replyFormCarriesOurMacAsTargetHardwareAddressToo() throws Exception {
        EthernetFrame frame = GratuitousArp.reply(MAC, vip());

        assertThat(HexFormat.of().formatHex(frame.bytes())).isEqualTo(
                "ffffffffffff" + "020000000002" + "0806"
                + "0001" + "0800" + "06" + "04" + "0002"          // reply
                + "020000000002" + "c6336464"
                + "020000000002" + "c6336464");
    }

    @Test
    void rejectsAMacThatIsNotSixBytes() {
        assertThatThrownBy(() -> GratuitousArp.request(new byte[5], vip()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("6 bytes");
    }
}
