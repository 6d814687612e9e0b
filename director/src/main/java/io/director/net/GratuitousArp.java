package io.director.net;

import java.net.Inet4Address;

/**
 * Builds gratuitous ARP frames (RFC 5227 section 3, RFC 2002 section 4.6), broadcast, with the VIP as
 * both sender and target protocol address. Hosts differ in which form they heed, so both are sent:
 * the request form (target hardware address zero) and the reply form (target hardware address = the
 * sender's MAC, which Linux requires before it treats a reply as gratuitous and overrides its entry).
 */
public final class GratuitousArp {
    static final int ARP_LENGTH = 28;
    static final int OP_REQUEST = 1;
    static final int OP_REPLY = 2;
    private static final int HTYPE_ETHERNET = 1;
    private static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};
    private static final byte[] ZERO_MAC = new byte[Mac.LENGTH];

    private GratuitousArp() {}

    public static EthernetFrame request(byte[] mac, Inet4Address vip) {
        return frame(OP_REQUEST, mac, vip, ZERO_MAC);
    }

    public static EthernetFrame reply(byte[] mac, Inet4Address vip) {
        return frame(OP_REPLY, mac, vip, mac);
    }

    private static EthernetFrame frame(int op, byte[] mac, Inet4Address vip, byte[] targetMac) {
        byte[] ip = vip.getAddress();
        byte[] f = new byte[EthernetFrame.HEADER_LENGTH + ARP_LENGTH];
        EthernetFrame.writeHeader(f, BROADCAST, mac, EthernetFrame.ETHERTYPE_ARP);
        int p = EthernetFrame.HEADER_LENGTH;
        f[p] = 0;
        f[p + 1] = HTYPE_ETHERNET;
        f[p + 2] = (byte) (EthernetFrame.ETHERTYPE_IPV4 >>> 8);
        f[p + 3] = (byte) EthernetFrame.ETHERTYPE_IPV4;
        f[p + 4] = Mac.LENGTH;
        f[p + 5] = 4;
        f[p + 6] = 0;
        f[p + 7] = (byte) op;
        System.arraycopy(mac, 0, f, p + 8, Mac.LENGTH);       // sender hardware address
        System.arraycopy(ip, 0, f, p + 14, 4);                // sender protocol address
        System.arraycopy(targetMac, 0, f, p + 18, Mac.LENGTH); // target hardware address
        System.arraycopy(ip, 0, f, p + 24, 4);                // target protocol address = sender's
        return new EthernetFrame(BROADCAST, EthernetFrame.ETHERTYPE_ARP, f);
    }
}
