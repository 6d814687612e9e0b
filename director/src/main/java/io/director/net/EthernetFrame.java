package io.director.net;

import java.util.Arrays;

/**
 * A complete Ethernet frame (header included, no FCS) ready for a raw packet socket, with the
 * destination MAC and EtherType the socket address needs.
 */
public record EthernetFrame(byte[] destination, int etherType, byte[] bytes) {
    public static final int HEADER_LENGTH = 14;
    public static final int ETHERTYPE_ARP = 0x0806;
    public static final int ETHERTYPE_IPV6 = 0x86DD;
    public static final int ETHERTYPE_IPV4 = 0x0800;

    public EthernetFrame {
        destination = destination.clone();
        bytes = bytes.clone();
    }

    @Override
    public byte[] destination() {
        return destination.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EthernetFrame f && etherType == f.etherType
                && Arrays.equals(destination, f.destination) && Arrays.equals(bytes, f.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * etherType + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "EthernetFrame[to " + Mac.format(destination) + ", type 0x" + Integer.toHexString(etherType)
                + ", " + bytes.length + " bytes]";
    }

    /** Writes the 14-byte header (destination, source, EtherType) at the start of {@code frame}. */
    static void writeHeader(byte[] frame, byte[] destination, byte[] source, int etherType) {
        Mac.requireEthernet(source);
        System.arraycopy(destination, 0, frame, 0, Mac.LENGTH);
        System.arraycopy(source, 0, frame, Mac.LENGTH, Mac.LENGTH);
        frame[12] = (byte) (etherType >>> 8);
        frame[13] = (byte) etherType;
    }
}
