package io.director.net;

import io.director.netlink.Netlink;
import io.director.netlink.NlAttributes;
import io.director.netlink.NlMessage;
import io.director.netlink.NlWriter;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Pure codec for the rtnetlink messages {@link RtnetlinkAddresses} exchanges: link lookup by name and
 * address add, delete and dump. Constants from {@code include/uapi/linux/rtnetlink.h},
 * {@code if_link.h}, {@code if_addr.h} and {@code if.h}. Writes into an {@link NlWriter}; parses
 * {@link NlMessage}s; touches no socket.
 */
final class Rtnetlink {
    static final int RTM_NEWLINK = 16;
    static final int RTM_GETLINK = 18;
    static final int RTM_NEWADDR = 20;
    static final int RTM_DELADDR = 21;
    static final int RTM_GETADDR = 22;

    static final int AF_UNSPEC = 0;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;

    static final int IFINFOMSG_LENGTH = 16;
    static final int IFLA_ADDRESS = 1;
    static final int IFLA_IFNAME = 3;
    static final int IFLA_MTU = 4;
    static final int IFF_UP = 0x1;

    static final int IFADDRMSG_LENGTH = 8;
    static final int IFA_ADDRESS = 1;
    static final int IFA_LOCAL = 2;
    static final int IFA_FLAGS = 8;
    static final int IFA_F_NODAD = 0x02;
    static final int RT_SCOPE_UNIVERSE = 0;

    private Rtnetlink() {}

    /** RTM_GETLINK for one interface by name (ifindex 0, IFLA_IFNAME), acknowledged. */
    static void getLink(NlWriter w, int seq, String name) {
        int m = w.beginMessage(RTM_GETLINK, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, seq);
        ifinfomsg(w, 0);
        w.putString(IFLA_IFNAME, name);
        w.endMessage(m);
    }

    /** RTM_GETADDR dump of every address of every family (the kernel filters nothing by default). */
    static void dumpAddresses(NlWriter w, int seq) {
        int m = w.beginMessage(RTM_GETADDR, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP, seq);
        ifaddrmsg(w, AF_UNSPEC, 0, 0, 0);
        w.endMessage(m);
    }

    /**
     * RTM_NEWADDR (create, exclusive, so an existing address answers EEXIST) or RTM_DELADDR for
     * {@code addr/prefix} on {@code ifindex}. IFA_LOCAL and IFA_ADDRESS both carry the address, as
     * {@code ip addr add} sends them; IPv6 additions skip duplicate address detection, because a VIP
     * moving between directors must work at once and must not be held "tentative".
     */
    static void address(NlWriter w, int seq, boolean add, int ifindex, InetAddress addr, int prefix) {
        boolean v6 = addr instanceof Inet6Address;
        int flags = Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | (add ? Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL : 0);
        int ifaFlags = v6 && add ? IFA_F_NODAD : 0;
        int m = w.beginMessage(add ? RTM_NEWADDR : RTM_DELADDR, flags, seq);
        ifaddrmsg(w, v6 ? AF_INET6 : AF_INET, prefix, ifaFlags, ifindex);
        byte[] raw = addr.getAddress();
        w.putBytes(IFA_LOCAL, raw);
        w.putBytes(IFA_ADDRESS, raw);
        if (ifaFlags != 0) {
            w.putU32(IFA_FLAGS, ifaFlags);
        }
        w.endMessage(m);
    }

    /** An RTM_NEWLINK reply as an {@link InterfaceInfo}; a link without a MAC (tunnels) gets six zero bytes. */
    static InterfaceInfo parseLink(NlMessage m) {
        if (m.type() != RTM_NEWLINK) {
            throw new IllegalArgumentException("expected RTM_NEWLINK, got message type " + m.type());
        }
        ByteBuffer p = m.payload();
        int index = p.getInt(4);
        int ifFlags = p.getInt(8);
        NlAttributes a = m.attributes(IFINFOMSG_LENGTH);
        byte[] mac = a.has(IFLA_ADDRESS) ? a.bytes(IFLA_ADDRESS) : new byte[Mac.LENGTH];
        if (mac.length != Mac.LENGTH) {
            mac = new byte[Mac.LENGTH];
        }
        return new InterfaceInfo(a.string(IFLA_IFNAME), index, mac, a.u32(IFLA_MTU, 0), (ifFlags & IFF_UP) != 0);
    }

    /** The addresses among RTM_NEWADDR dump replies that belong to {@code ifindex}, named {@code ifname}. */
    static List<InterfaceAddress> parseAddresses(List<NlMessage> replies, int ifindex, String ifname) {
        List<InterfaceAddress> out = new ArrayList<>();
        for (NlMessage m : replies) {
            if (m.type() != RTM_NEWADDR) {
                continue;
            }
            ByteBuffer p = m.payload();
            int family = p.get(0) & 0xff;
            int prefix = p.get(1) & 0xff;
            int index = p.getInt(4);
            if (index != ifindex || (family != AF_INET && family != AF_INET6)) {
                continue;
            }
            NlAttributes a = m.attributes(IFADDRMSG_LENGTH);
            int len = family == AF_INET ? 4 : 16;
            // IFA_LOCAL is the interface's own address; IFA_ADDRESS is the peer on point-to-point links.
            int attr = a.has(IFA_LOCAL) ? IFA_LOCAL : IFA_ADDRESS;
            out.add(new InterfaceAddress(a.address(attr, len), prefix, ifname));
        }
        return List.copyOf(out);
    }

    private static void ifinfomsg(NlWriter w, int index) {
        w.writeU8(AF_UNSPEC).writeU8(0).writeU16(0).writeU32(index).writeU32(0).writeU32(0);
    }

    private static void ifaddrmsg(NlWriter w, int family, int prefix, int flags, int index) {
        w.writeU8(family).writeU8(prefix).writeU8(flags).writeU8(RT_SCOPE_UNIVERSE).writeU32(index);
    }
}
