package io.director.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.director.netlink.NlMessage;
import io.director.netlink.NlWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Byte-exact rtnetlink requests and reply parsing (little-endian host, like every machine we run on). */
class RtnetlinkTest {
    private static final HexFormat HEX = HexFormat.of();

    @BeforeAll
    static void littleEndian() {
        org.junit.jupiter.api.Assumptions.assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN,
                "expected bytes are written for a little-endian host");
    }

    private static String hex(NlWriter w) {
        ByteBuffer b = w.messages();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return HEX.formatHex(out);
    }

    @Test
    void getLinkByName() {
        NlWriter w = new NlWriter();
        Rtnetlink.getLink(w, 7, "eth0");

        assertThat(hex(w)).isEqualTo(
                "2c000000" + "1200" + "0500" + "07000000" + "00000000"      // len 44, RTM_GETLINK, REQUEST|ACK, seq 7
                + "00" + "00" + "0000" + "00000000" + "00000000" + "00000000" // ifinfomsg: any family, index 0
                + "0900" + "0300" + "6574683000" + "000000");                // IFLA_IFNAME "eth0\0", padded
    }

    @Test
    void addIpv4IsExclusiveCreateWithLocalAndAddress() {
        NlWriter w = new NlWriter();
        Rtnetlink.address(w, 9, true, 2, IpLiteral.parse("198.51.100.100"), 24);

        assertThat(hex(w)).isEqualTo(
                "28000000" + "1400" + "0506" + "09000000" + "00000000"      // RTM_NEWADDR, REQUEST|ACK|EXCL|CREATE
                + "02" + "18" + "00" + "00" + "02000000"                     // AF_INET, /24, no flags, universe, ifindex 2
                + "0800" + "0200" + "c6336464"                               // IFA_LOCAL
                + "0800" + "0100" + "c6336464");                             // IFA_ADDRESS
    }

    @Test
    void addIpv6CarriesNodadInHeaderAndIfaFlags() {
        NlWriter w = new NlWriter();
        Rtnetlink.address(w, 1, true, 1, IpLiteral.parse("2001:db8::100"), 128);

        String v6 = "20010db8000000000000000000000100";
        assertThat(hex(w)).isEqualTo(
                "48000000" + "1400" + "0506" + "01000000" + "00000000"
                + "0a" + "80" + "02" + "00" + "01000000"                     // AF_INET6, /128, IFA_F_NODAD, ifindex 1
                + "1400" + "0200" + v6
                + "1400" + "0100" + v6
                + "0800" + "0800" + "02000000");                             // IFA_FLAGS = NODAD
    }

    @Test
    void deleteIsAcknowledgedWithoutCreateFlags() {
        NlWriter w = new NlWriter();
        Rtnetlink.address(w, 3, false, 1, IpLiteral.parse("198.51.100.100"), 32);

        assertThat(hex(w)).startsWith("28000000" + "1500" + "0500" + "03000000")
                .contains("02" + "20" + "00" + "00" + "01000000");
    }

    @Test
    void dumpAddressesAsksForEveryFamily() {
        NlWriter w = new NlWriter();
        Rtnetlink.dumpAddresses(w, 4);

        assertThat(hex(w)).isEqualTo("18000000" + "1600" + "0103" + "04000000" + "00000000" + "00" + "00" + "00" + "00" + "00000000");
    }

    @Test
    void parsesALinkReply() {
        ByteBuffer p = le(
                "00" + "00" + "0100" + "03000000" + "43100100" + "00000000"  // index 3, flags UP|...
                + "0a00" + "0300" + "657468310000" + "0000"                   // IFLA_IFNAME "eth1\0" (len 10, padded)
                + "0a00" + "0100" + "02000000000b" + "0000"                   // IFLA_ADDRESS
                + "0800" + "0400" + "dc050000");                              // IFLA_MTU 1500
        InterfaceInfo info = Rtnetlink.parseLink(new NlMessage(Rtnetlink.RTM_NEWLINK, 0, 1, 0, p));

        assertThat(info).isEqualTo(new InterfaceInfo("eth1", 3, HEX.parseHex("02000000000b"), 1500, true));
    }

    @Test
    void parsesAddressesOfOneInterfacePreferringLocal() {
        NlMessage v4 = new NlMessage(Rtnetlink.RTM_NEWADDR, 2, 1, 0, le(
                "02" + "20" + "80" + "00" + "01000000"
                + "0800" + "0100" + "c6336465" + "0800" + "0200" + "c6336464"));
        NlMessage v6 = new NlMessage(Rtnetlink.RTM_NEWADDR, 2, 1, 0, le(
                "0a" + "80" + "82" + "00" + "01000000" + "1400" + "0100" + "20010db8000000000000000000000100"));
        NlMessage otherLink = new NlMessage(Rtnetlink.RTM_NEWADDR, 2, 1, 0, le(
                "02" + "08" + "80" + "fe" + "02000000" + "0800" + "0200" + "7f000001"));

        assertThat(Rtnetlink.parseAddresses(List.of(v4, v6, otherLink), 1, "lo")).containsExactly(
                new InterfaceAddress(IpLiteral.parse("198.51.100.100"), 32, "lo"),
                new InterfaceAddress(IpLiteral.parse("2001:db8::100"), 128, "lo"));
    }

    private static ByteBuffer le(String hex) {
        return ByteBuffer.wrap(HEX.parseHex(hex)).order(ByteOrder.nativeOrder());
    }
}
