package io.director.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PacketAnnouncerTest {
    private static final byte[] MAC = HexFormat.of().parseHex("020000000002");

    @Test
    void anIpv4AnnouncementIsTheRequestFormThenTheReplyForm() {
        Inet4Address vip = (Inet4Address) IpLiteral.parse("198.51.100.100");

        assertThat(PacketAnnouncer.frames(MAC, vip))
                .containsExactly(GratuitousArp.request(MAC, vip), GratuitousArp.reply(MAC, vip));
    }

    @Test
    void anIpv6AnnouncementIsOneUnsolicitedAdvertisement() {
        Inet6Address vip = (Inet6Address) IpLiteral.parse("2001:db8::100");

        assertThat(PacketAnnouncer.frames(MAC, vip)).containsExactly(NeighbourAdvertisement.unsolicited(MAC, vip));
    }

    @Test
    void refusesLinksWithoutAnEthernetAddress() throws Exception {
        InterfaceInfo lo = new InterfaceInfo("lo", 1, new byte[6], 65536, true);

        assertThatThrownBy(() -> PacketAnnouncer.requireEthernet(lo, IpLiteral.parse("198.51.100.100")))
                .isInstanceOf(NetException.class)
                .hasMessage("announce 198.51.100.100 on lo: lo has no Ethernet address; announcements go out of an Ethernet interface");
        PacketAnnouncer.requireEthernet(new InterfaceInfo("eth0", 2, MAC, 1500, true), IpLiteral.parse("198.51.100.100"));
    }
}
