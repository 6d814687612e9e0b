package io.director.net;

import io.director.netlink.Netlink;
import io.director.netlink.NetlinkException;
import io.director.netlink.NetlinkSocket;
import io.director.netlink.NlMessage;
import io.director.netlink.NlWriter;
import io.director.sys.Errno;
import java.net.InetAddress;
import java.util.List;

/** {@link Addresses} over one NETLINK_ROUTE socket; calls are serialised, so the daemon's threads may share it. */
public final class RtnetlinkAddresses implements Addresses {
    private final NetlinkSocket socket;
    private final NlWriter writer = new NlWriter(1024);

    private RtnetlinkAddresses(NetlinkSocket socket) {
        this.socket = socket;
    }

    public static RtnetlinkAddresses open() throws NetException {
        try {
            return new RtnetlinkAddresses(NetlinkSocket.open(Netlink.NETLINK_ROUTE));
        } catch (NetlinkException e) {
            throw failure("open rtnetlink socket", e);
        }
    }

    @Override
    public synchronized InterfaceInfo interfaceInfo(String name) throws NetException {
        String what = "look up interface " + name;
        writer.clear();
        Rtnetlink.getLink(writer, socket.nextSeq(), name);
        try {
            List<NlMessage> replies = socket.collect(writer.messages(), what);
            for (NlMessage m : replies) {
                if (m.type() == Rtnetlink.RTM_NEWLINK) {
                    return Rtnetlink.parseLink(m);
                }
            }
            throw new NetException(what + ": the kernel sent no link");
        } catch (NetlinkException e) {
            throw failure(what, e);
        }
    }

    @Override
    public synchronized List<InterfaceAddress> list(String ifname) throws NetException {
        InterfaceInfo link = interfaceInfo(ifname);
        String what = "list addresses of " + ifname;
        writer.clear();
        Rtnetlink.dumpAddresses(writer, socket.nextSeq());
        try {
            return Rtnetlink.parseAddresses(socket.collect(writer.messages(), what), link.index(), ifname);
        } catch (NetlinkException e) {
            throw failure(what, e);
        }
    }

    @Override
    public boolean add(String ifname, InetAddress addr, int prefix) throws NetException {
        return change(true, ifname, addr, prefix, Errno.EEXIST);
    }

    @Override
    public boolean remove(String ifname, InetAddress addr, int prefix) throws NetException {
        return change(false, ifname, addr, prefix, Errno.EADDRNOTAVAIL);
    }

    /** One address change; {@code alreadyDone} is the errno that means the change was in place before. */
    private synchronized boolean change(boolean add, String ifname, InetAddress addr, int prefix, Errno alreadyDone)
            throws NetException {
        String what = (add ? "add " : "remove ") + IpLiteral.format(addr) + "/" + prefix + (add ? " on " : " from ") + ifname;
        int index = interfaceInfo(ifname).index();
        writer.clear();
        Rtnetlink.address(writer, socket.nextSeq(), add, index, addr, prefix);
        try {
            socket.execute(writer.messages(), what);
            return true;
        } catch (NetlinkException e) {
            if (e.errno() == alreadyDone.code()) {
                return false;
            }
            throw failure(what, e);
        }
    }

    static NetException failure(String what, NetlinkException e) {
        return NetException.fromErrno(what, e.errno(), e.kernelMessage());
    }

    @Override
    public synchronized void close() {
        socket.close();
    }
}
