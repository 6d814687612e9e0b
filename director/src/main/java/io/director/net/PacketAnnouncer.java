package io.director.net;

import io.director.sys.LibC;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * {@link Announcer} over one raw AF_PACKET socket: writes whole Ethernet frames built by
 * {@link GratuitousArp} and {@link NeighbourAdvertisement} out of the named interface, with its MAC
 * as looked up through {@link Addresses} at each announcement (so a changed MAC or index is followed).
 * The socket is opened with protocol 0 so it receives nothing. Needs CAP_NET_RAW.
 */
public final class PacketAnnouncer implements Announcer {
    static final int AF_PACKET = 17;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOCKADDR_LL_LENGTH = 20;

    private final LibC libc;
    private final int fd;
    private final Addresses addresses;
    private final ByteBuffer frame = ByteBuffer.allocateDirect(128);
    private final ByteBuffer sockaddr = ByteBuffer.allocateDirect(SOCKADDR_LL_LENGTH).order(ByteOrder.nativeOrder());
    private boolean closed;

    private PacketAnnouncer(LibC libc, int fd, Addresses addresses) {
        this.libc = libc;
        this.fd = fd;
        this.addresses = addresses;
    }

    /** Opens the packet socket; {@code addresses} (not closed by this) answers interface lookups. */
    public static PacketAnnouncer open(Addresses addresses) throws NetException {
        LibC libc = LibC.get();
        int fd = libc.socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw NetException.fromErrno("open packet socket for announcements", LibC.errno(), "");
        }
        return new PacketAnnouncer(libc, fd, addresses);
    }

    @Override
    public synchronized void announce(String ifname, InetAddress vip) throws NetException {
        if (closed) {
            throw new NetException("announce " + IpLiteral.format(vip) + " on " + ifname + ": announcer closed");
        }
        InterfaceInfo link = addresses.interfaceInfo(ifname);
        requireEthernet(link, vip);
        for (EthernetFrame f : frames(link.mac(), vip)) {
            send(link, f, vip);
        }
    }

    /** Loopback, tunnels and other links without a MAC have no neighbours to tell. */
    static void requireEthernet(InterfaceInfo link, InetAddress vip) throws NetException {
        for (byte b : link.mac()) {
            if (b != 0) {
                return;
            }
        }
        throw new NetException("announce " + IpLiteral.format(vip) + " on " + link.name() + ": " + link.name()
                + " has no Ethernet address; announcements go out of an Ethernet interface");
    }

    /** The frames one announcement consists of: both ARP forms for IPv4, one NA for IPv6. */
    static List<EthernetFrame> frames(byte[] mac, InetAddress vip) {
        if (vip instanceof Inet4Address v4) {
            return List.of(GratuitousArp.request(mac, v4), GratuitousArp.reply(mac, v4));
        }
        return List.of(NeighbourAdvertisement.unsolicited(mac, (Inet6Address) vip));
    }

    private void send(InterfaceInfo link, EthernetFrame f, InetAddress vip) throws NetException {
        byte[] bytes = f.bytes();
        frame.clear();
        frame.put(bytes).flip();
        writeSockaddr(link.index(), f);
        long n = libc.sendto(fd, frame, bytes.length, 0, sockaddr, SOCKADDR_LL_LENGTH);
        if (n < 0) {
            String kind = vip instanceof Inet4Address ? "gratuitous ARP" : "neighbour advertisement";
            throw NetException.fromErrno("send " + kind + " for " + IpLiteral.format(vip) + " on " + link.name(),
                    LibC.errno(), "");
        }
    }

    /** struct sockaddr_ll: family, protocol (network order), ifindex, hatype, pkttype, halen, addr[8]. */
    private void writeSockaddr(int ifindex, EthernetFrame f) {
        sockaddr.clear();
        sockaddr.putShort(0, (short) AF_PACKET);
        sockaddr.put(2, (byte) (f.etherType() >>> 8)).put(3, (byte) f.etherType());
        sockaddr.putInt(4, ifindex);
        sockaddr.putShort(8, (short) 0);
        sockaddr.put(10, (byte) 0);
        sockaddr.put(11, (byte) Mac.LENGTH);
        byte[] dst = f.destination();
        for (int i = 0; i < 8; i++) {
            sockaddr.put(12 + i, i < dst.length ? dst[i] : 0);
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            libc.close(fd);
        }
    }
}
