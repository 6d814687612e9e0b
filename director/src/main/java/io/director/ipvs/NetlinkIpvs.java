package io.director.ipvs;

import static io.director.ipvs.IpvsConstants.*;

import io.director.netlink.GenericNetlink;
import io.director.netlink.Netlink;
import io.director.netlink.NetlinkConnection;
import io.director.netlink.NetlinkException;
import io.director.netlink.NetlinkSocket;
import io.director.netlink.NlMessage;
import io.director.netlink.NlWriter;
import io.director.sys.Errno;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@link Ipvs} over the kernel's "IPVS" generic-netlink family: one socket and one request buffer,
 * reused for the life of the object; the family id is resolved once at {@link #open()}. Ops are sent
 * in windows of many messages per datagram and their acknowledgements matched by sequence number.
 * Not thread-safe.
 */
public final class NetlinkIpvs implements Ipvs {

    /**
     * Ops per datagram. Only the last op of a window asks for an acknowledgement; a failing op is
     * answered with its error, so the receive buffer must hold a window's worth of error messages.
     */
    static final int DEFAULT_WINDOW = 256;
    private static final int MAX_DATAGRAM = 128 * 1024;

    private final NetlinkConnection socket;
    private final int family;
    private final NlWriter writer = new NlWriter(MAX_DATAGRAM + 4096);
    private final int window;

    private NetlinkIpvs(NetlinkConnection socket, int family, int window) {
        this.socket = socket;
        this.family = family;
        this.window = window;
    }

    /** Opens a generic-netlink socket and resolves the IPVS family; clear errors if IPVS is absent. */
    public static NetlinkIpvs open() throws IpvsException {
        return open(DEFAULT_WINDOW);
    }

    /** As {@link #open()}, sending at most {@code window} ops per datagram (1 = one ack per send). */
    public static NetlinkIpvs open(int window) throws IpvsException {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1");
        }
        NetlinkSocket s;
        try {
            s = NetlinkSocket.open(Netlink.NETLINK_GENERIC);
        } catch (NetlinkException e) {
            throw new IpvsException("cannot open a generic netlink socket: " + Errno.describe(e.errno()), e.errno(), e);
        }
        s.setReceiveBuffer(8 * 1024 * 1024);
        s.setSendBuffer(2 * MAX_DATAGRAM);
        return over(s, window);
    }

    /** IPVS over {@code s} (closed on failure): resolves the family, then uses {@code window} ops per send. */
    public static NetlinkIpvs over(NetlinkConnection s, int window) throws IpvsException {
        try {
            int fam = GenericNetlink.resolveFamily(s, IPVS_GENL_NAME);
            return new NetlinkIpvs(s, fam, window);
        } catch (NetlinkException e) {
            s.close();
            if (e.errno() == Errno.ENOENT.code()) {
                throw IpvsException.notLoaded(e.errno());
            }
            throw IpvsException.forRequest("look up the IPVS generic netlink family", e.errno(), e.kernelMessage());
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** The generic-netlink family id the kernel gave IPVS. */
    public int familyId() {
        return family;
    }

    @Override
    public BatchResult apply(List<IpvsOp> ops) throws IpvsException {
        OpResult[] results = new OpResult[ops.size()];
        int next = 0;
        while (next < ops.size()) {
            writer.clear();
            int first = next;
            int[] seqs = new int[Math.min(window, ops.size() - first)];
            int n = 0;
            while (next < ops.size() && n < seqs.length && writer.size() < MAX_DATAGRAM) {
                seqs[n] = socket.nextSeq();
                boolean last = next + 1 == ops.size() || n + 1 == seqs.length || writer.size() >= MAX_DATAGRAM - 1024;
                // Only the window's last op asks for an ack: the others are answered only if they fail.
                IpvsCodec.writeOp(writer, family, seqs[n], ops.get(next), last);
                n++;
                next++;
                if (last) {
                    break;
                }
            }
            int count = n;
            try {
                socket.exchange(writer.messages(), (seq, errno, msg) -> {
                    int i = indexOf(seqs, count, seq);
                    IpvsOp op = ops.get(first + i);
                    results[first + i] = errno == 0 ? OpResult.applied(op)
                            : OpResult.failed(op, IpvsException.forOp(op, errno, msg));
                });
            } catch (NetlinkException e) {
                long applied = Arrays.stream(results).filter(r -> r != null && r.isApplied()).count();
                throw new IpvsException("IPVS batch failed after " + applied + " of " + ops.size()
                        + " ops applied: " + e.getMessage(), e.errno(), e);
            }
        }
        return new BatchResult(Arrays.asList(results));
    }

    private static int indexOf(int[] seqs, int count, int seq) {
        // Sequence numbers are consecutive except where they wrap past 0.
        int guess = seq - seqs[0];
        if (guess >= 0 && guess < count && seqs[guess] == seq) {
            return guess;
        }
        for (int i = 0; i < count; i++) {
            if (seqs[i] == seq) {
                return i;
            }
        }
        throw new IllegalStateException("acknowledgement for unknown sequence " + seq);
    }

    @Override
    public List<ObservedService> services() throws IpvsException {
        writer.clear();
        IpvsCodec.writeDumpServices(writer, family, socket.nextSeq());
        List<ObservedService> out = new ArrayList<>();
        for (NlMessage m : collect("list services")) {
            out.add(IpvsCodec.decodeService(m.attributes(IpvsCodec.HEADER).nested(IPVS_CMD_ATTR_SERVICE)));
        }
        return out;
    }

    /** One request for one service: a scoped reconcile of a large table need not dump every service. */
    @Override
    public Optional<ObservedService> service(ServiceKey key) throws IpvsException {
        writer.clear();
        IpvsCodec.writeGetService(writer, family, socket.nextSeq(), key);
        List<NlMessage> replies;
        try {
            replies = collect("get service " + key);
        } catch (IpvsException e) {
            if (e.errno() == Errno.ESRCH.code() || e.errno() == Errno.ENOENT.code()) {
                return Optional.empty();
            }
            throw e;
        }
        if (replies.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(IpvsCodec.decodeService(replies.get(0).attributes(IpvsCodec.HEADER).nested(IPVS_CMD_ATTR_SERVICE)));
    }

    @Override
    public List<ObservedDest> dests(ServiceKey key) throws IpvsException {
        writer.clear();
        IpvsCodec.writeDumpDests(writer, family, socket.nextSeq(), key);
        List<ObservedDest> out = new ArrayList<>();
        for (NlMessage m : collect("list real servers of " + key)) {
            out.add(IpvsCodec.decodeDest(m.attributes(IpvsCodec.HEADER).nested(IPVS_CMD_ATTR_DEST), key.family()));
        }
        return out;
    }

    @Override
    public IpvsTable table() throws IpvsException {
        List<IpvsTable.Entry> entries = new ArrayList<>();
        for (ObservedService s : services()) {
            try {
                entries.add(new IpvsTable.Entry(s, dests(s.key())));
            } catch (IpvsException e) {
                if (e.errno() != Errno.ESRCH.code() && e.errno() != Errno.ENOENT.code()) {
                    throw e;
                }
                // deleted between the two dumps: leave it out
            }
        }
        return new IpvsTable(entries);
    }

    @Override
    public void flush() throws IpvsException {
        writer.clear();
        IpvsCodec.writeFlush(writer, family, socket.nextSeq());
        execute("flush");
    }

    @Override
    public Info info() throws IpvsException {
        writer.clear();
        IpvsCodec.writeGetInfo(writer, family, socket.nextSeq());
        // The kernel answers GET_INFO with a SET_INFO message: match by sequence, not by command.
        List<NlMessage> replies = collect("get IPVS info");
        if (replies.isEmpty()) {
            throw new IpvsException("get IPVS info: no reply", Errno.EPROTO.code());
        }
        return IpvsCodec.decodeInfo(replies.get(0).attributes(IpvsCodec.HEADER));
    }

    @Override
    public Timeouts timeouts() throws IpvsException {
        writer.clear();
        IpvsCodec.writeGetConfig(writer, family, socket.nextSeq());
        List<NlMessage> replies = collect("get IPVS timeouts");
        if (replies.isEmpty()) {
            throw new IpvsException("get IPVS timeouts: no reply", Errno.EPROTO.code());
        }
        return IpvsCodec.decodeTimeouts(replies.get(0).attributes(IpvsCodec.HEADER));
    }

    @Override
    public void setTimeouts(Timeouts t) throws IpvsException {
        writer.clear();
        IpvsCodec.writeSetConfig(writer, family, socket.nextSeq(), t);
        execute("set timeouts tcp " + t.tcp() + " tcpfin " + t.tcpFin() + " udp " + t.udp());
    }

    @Override
    public void startSyncDaemon(SyncDaemon d) throws IpvsException {
        writer.clear();
        IpvsCodec.writeNewDaemon(writer, family, socket.nextSeq(), d);
        execute("start " + d);
    }

    @Override
    public void stopSyncDaemon(SyncState state) throws IpvsException {
        writer.clear();
        IpvsCodec.writeDelDaemon(writer, family, socket.nextSeq(), state);
        execute("stop " + state.name().toLowerCase(java.util.Locale.ROOT) + " sync daemon");
    }

    @Override
    public List<SyncDaemon> syncDaemons() throws IpvsException {
        writer.clear();
        IpvsCodec.writeDumpDaemons(writer, family, socket.nextSeq());
        List<SyncDaemon> out = new ArrayList<>();
        for (NlMessage m : collect("list sync daemons")) {
            out.add(IpvsCodec.decodeDaemon(m.attributes(IpvsCodec.HEADER).nested(IPVS_CMD_ATTR_DAEMON)));
        }
        return out;
    }

    private void execute(String what) throws IpvsException {
        try {
            socket.execute(writer.messages(), what);
        } catch (NetlinkException e) {
            throw IpvsException.forRequest(what, e.errno(), e.kernelMessage());
        }
    }

    private List<NlMessage> collect(String what) throws IpvsException {
        try {
            return socket.collect(writer.messages(), what);
        } catch (NetlinkException e) {
            IpvsException x = IpvsException.forRequest(what, e.errno(), e.kernelMessage());
            if (e.errno() == Errno.ESRCH.code()) {
                x = new IpvsException(what + ": ESRCH (no such service)", e.errno());
            }
            throw x;
        }
    }

    @Override
    public void close() {
        socket.close();
    }

}
