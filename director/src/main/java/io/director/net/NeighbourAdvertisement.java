package io.director.net;

import java.net.Inet6Address;

/**
 * Builds an unsolicited IPv6 neighbour advertisement (RFC 4861 sections 4.4 and 7.2.6) for a VIP:
 * from the VIP to all nodes (ff02::1, MAC 33:33:00:00:00:01), hop limit 255 (receivers drop anything
 * else), Override set and Solicited clear, with the target link-layer address option carrying our MAC.
 * Receivers update an existing neighbour entry to that MAC (state STALE); they create none.
 */
public final class NeighbourAdvertisement {
    static final int IPV6_HEADER_LENGTH = 40;
    static final int ICMPV6_LENGTH = 24 + 8;   // NA body with one 8-byte option
    static final int NEXT_HEADER_ICMPV6 = 58;
    static final int HOP_LIMIT = 255;
    static final int TYPE_NEIGHBOUR_ADVERTISEMENT = 136;
    static final int FLAG_OVERRIDE = 0x20;     // in the first byte of the 32-bit flags word: R=0x80, S=0x40, O=0x20
    static final int OPTION_TARGET_LINK_LAYER_ADDRESS = 2;
    static final byte[] ALL_NODES = {(byte) 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    static final byte[] ALL_NODES_MAC = {0x33, 0x33, 0, 0, 0, 1};

    private NeighbourAdvertisement() {}

    public static EthernetFrame unsolicited(byte[] mac, Inet6Address vip) {
        byte[] target = vip.getAddress();
        byte[] f = new byte[EthernetFrame.HEADER_LENGTH + IPV6_HEADER_LENGTH + ICMPV6_LENGTH];
        EthernetFrame.writeHeader(f, ALL_NODES_MAC, mac, EthernetFrame.ETHERTYPE_IPV6);

        int ip = EthernetFrame.HEADER_LENGTH;
        f[ip] = 0x60;                                  // version 6, traffic class 0, flow label 0
        f[ip + 4] = (byte) (ICMPV6_LENGTH >>> 8);      // payload length
        f[ip + 5] = (byte) ICMPV6_LENGTH;
        f[ip + 6] = NEXT_HEADER_ICMPV6;
        f[ip + 7] = (byte) HOP_LIMIT;
        System.arraycopy(target, 0, f, ip + 8, 16);    // source: the VIP itself
        System.arraycopy(ALL_NODES, 0, f, ip + 24, 16);

        int icmp = ip + IPV6_HEADER_LENGTH;
        f[icmp] = (byte) TYPE_NEIGHBOUR_ADVERTISEMENT;
        f[icmp + 4] = FLAG_OVERRIDE;
        System.arraycopy(target, 0, f, icmp + 8, 16);
        f[icmp + 24] = OPTION_TARGET_LINK_LAYER_ADDRESS;
        f[icmp + 25] = 1;                              // option length in units of 8 bytes
        System.arraycopy(mac, 0, f, icmp + 26, Mac.LENGTH);

        int sum = checksum(target, ALL_NODES, f, icmp, ICMPV6_LENGTH);
        f[icmp + 2] = (byte) (sum >>> 8);
        f[icmp + 3] = (byte) sum;
        return new EthernetFrame(ALL_NODES_MAC, EthernetFrame.ETHERTYPE_IPV6, f);
    }

    /** ICMPv6 checksum (RFC 4443 section 2.3): over the pseudo-header and the message with its checksum zero. */
    static int checksum(byte[] source, byte[] destination, byte[] buf, int offset, int length) {
        long sum = 0;
        sum += sumWords(source, 0, 16);
        sum += sumWords(destination, 0, 16);
        sum += length;                                 // upper-layer packet length (32 bits; fits in 16 here)
        sum += NEXT_HEADER_ICMPV6;                     // three zero bytes, then the next header
        sum += sumWords(buf, offset, length);
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    private static long sumWords(byte[] b, int offset, int length) {
        long sum = 0;
        for (int i = 0; i + 1 < length; i += 2) {
            sum += ((b[offset + i] & 0xff) << 8) | (b[offset + i + 1] & 0xff);
        }
        if ((length & 1) != 0) {
            sum += (b[offset + length - 1] & 0xff) << 8;
        }
        return sum;
    }
}
