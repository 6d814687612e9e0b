package io.director.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class NeighbourAdvertisementTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] MAC = HEX.parseHex("020000000002");

    @Test
    void unsolicitedAdvertisementIsByteExact() throws Exception {
        Inet6Address vip = (Inet6Address) InetAddress.getByName("2001:db8::100");

        EthernetFrame frame = NeighbourAdvertisement.unsolicited(MAC, vip);

        // The checksum f72b was computed apart from this code (a Python one-liner over the same bytes).
        assertThat(HEX.formatHex(frame.bytes())).isEqualTo(
                "333300000001" + "020000000002" + "86dd"               // to all-nodes multicast MAC, IPv6
                + "60000000" + "0020" + "3a" + "ff"                    // v6, payload 32, ICMPv6, hop limit 255
                + "20010db8000000000000000000000100"                   // source: the VIP
                + "ff020000000000000000000000000001"                   // destination: ff02::1
                + "88" + "00" + "f72b"                                 // type 136 code 0, checksum
                + "20000000"                                           // R=0 S=0 O=1
                + "20010db8000000000000000000000100"                   // target: the VIP
                + "02" + "01" + "020000000002");                       // target link-layer address option
        assertThat(frame.destination()).containsExactly(HEX.parseHex("333300000001"));
        assertThat(frame.etherType()).isEqualTo(0x86DD);
    }

    @Property
    void checksumVerifiesToZeroForAnyVipAndMac(@ForAll @Size(16) byte[] address, @ForAll @Size(6) byte[] mac)
            throws Exception {
        Inet6Address vip = Inet6Address.getByAddress(null, address, null);
        byte[] f = NeighbourAdvertisement.unsolicited(mac, vip).bytes();
        int icmp = EthernetFrame.HEADER_LENGTH + NeighbourAdvertisement.IPV6_HEADER_LENGTH;

        // Summing over a message that includes its own correct checksum yields 0 after complementing.
        assertThat(NeighbourAdvertisement.checksum(address, NeighbourAdvertisement.ALL_NODES, f, icmp,
                NeighbourAdvertisement.ICMPV6_LENGTH)).isZero();
    }
}
