package io.director.ipvs;

import static io.director.ipvs.IpvsConstants.*;

import io.director.netlink.GenericNetlink;
import io.director.netlink.Netlink;
import io.director.netlink.NlAttributes;
import io.director.netlink.NlWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Pure translation between IPVS records and generic-netlink messages of the "IPVS" family
 * (attribute layout of the kernel's net/netfilter/ipvs/ip_vs_ctl.c). No I/O: requests are written
 * into an {@link NlWriter}, replies decoded from {@link NlAttributes}.
 */
public final class IpvsCodec {
    private IpvsCodec() {}

    static final int ADDR_LEN = 16;
    private static final int REQ_ACK = Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK;
    private static final int REQ_DUMP = Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP;

    // ---- requests ----------------------------------------------------------------------------

    /** The generic-netlink command that carries {@code op}. */
    public static int command(IpvsOp op) {
        if (op instanceof IpvsOp.AddService) {
            return IPVS_CMD_NEW_SERVICE;
        } else if (op instanceof IpvsOp.EditService) {
            return IPVS_CMD_SET_SERVICE;
        } else if (op instanceof IpvsOp.DeleteService) {
            return IPVS_CMD_DEL_SERVICE;
        } else if (op instanceof IpvsOp.AddDest) {
            return IPVS_CMD_NEW_DEST;
        } else if (op instanceof IpvsOp.EditDest) {
            return IPVS_CMD_SET_DEST;
        } else {
            return IPVS_CMD_DEL_DEST;
        }
    }

    /** Writes the request for {@code op} (with NLM_F_ACK) as one message. */
    public static void writeOp(NlWriter w, int family, int seq, IpvsOp op) {
        writeOp(w, family, seq, op, true);
    }

    /**
     * Writes the request for {@code op}; without {@code ack} the kernel answers only if it fails
     * (see NetlinkConnection.exchange), which saves one message and one receive per op in a batch.
     */
    public static void writeOp(NlWriter w, int family, int seq, IpvsOp op, boolean ack) {
        int m = begin(w, family, ack ? REQ_ACK : Netlink.NLM_F_REQUEST, seq, command(op));
        if (op instanceof IpvsOp.AddService a) {
            writeService(w, a.spec());
        } else if (op instanceof IpvsOp.EditService e) {
            writeService(w, e.spec());
        } else if (op instanceof IpvsOp.DeleteService d) {
            writeServiceKeyOnly(w, d.service());
        } else if (op instanceof IpvsOp.AddDest a) {
            writeServiceKeyOnly(w, a.service());
            writeDest(w, a.dest());
        } else if (op instanceof IpvsOp.EditDest e) {
            writeServiceKeyOnly(w, e.service());
            writeDest(w, e.dest());
        } else {
            IpvsOp.DeleteDest d = (IpvsOp.DeleteDest) op;
            writeServiceKeyOnly(w, d.service());
            int n = w.beginNested(IPVS_CMD_ATTR_DEST);
            writeDestKey(w, d.dest());
            w.endNested(n);
        }
        w.endMessage(m);
    }

    public static void writeDumpServices(NlWriter w, int family, int seq) {
        w.endMessage(begin(w, family, REQ_DUMP, seq, IPVS_CMD_GET_SERVICE));
    }

    /** GET_SERVICE of one service (not a dump): the kernel answers with one NEW_SERVICE, or ESRCH. */
    public static void writeGetService(NlWriter w, int family, int seq, ServiceKey key) {
        int m = begin(w, family, REQ_ACK, seq, IPVS_CMD_GET_SERVICE);
        writeServiceKeyOnly(w, key);
        w.endMessage(m);
    }

    public static void writeDumpDests(NlWriter w, int family, int seq, ServiceKey key) {
        int m = begin(w, family, REQ_DUMP, seq, IPVS_CMD_GET_DEST);
        writeServiceKeyOnly(w, key);
        w.endMessage(m);
    }

    public static void writeGetInfo(NlWriter w, int family, int seq) {
        w.endMessage(begin(w, family, REQ_ACK, seq, IPVS_CMD_GET_INFO));
    }

    public static void writeGetConfig(NlWriter w, int family, int seq) {
        w.endMessage(begin(w, family, REQ_ACK, seq, IPVS_CMD_GET_CONFIG));
    }

    public static void writeSetConfig(NlWriter w, int family, int seq, Timeouts t) {
        int m = begin(w, family, REQ_ACK, seq, IPVS_CMD_SET_CONFIG);
        w.putU32(IPVS_CMD_ATTR_TIMEOUT_TCP, t.tcp());
        w.putU32(IPVS_CMD_ATTR_TIMEOUT_TCP_FIN, t.tcpFin());
        w.putU32(IPVS_CMD_ATTR_TIMEOUT_UDP, t.udp());
        w.endMessage(m);
    }

    public static void writeFlush(NlWriter w, int family, int seq) {
        w.endMessage(begin(w, family, REQ_ACK, seq, IPVS_CMD_FLUSH));
    }

    public static void writeNewDaemon(NlWriter w, int family, int seq, SyncDaemon d) {
        int m = begin(w, family, REQ_ACK, seq, IPVS_CMD_NEW_DAEMON);
        int n = w.beginNested(IPVS_CMD_ATTR_DAEMON);
        w.putU32(IPVS_DAEMON_ATTR_STATE, d.state().value());
        w.putString(IPVS_DAEMON_ATTR_MCAST_IFN, d.ifname());
        w.putU32(IPVS_DAEMON_ATTR_SYNC_ID, d.syncId());
        if (d.maxLength() != 0) {
            w.putU16(IPVS_DAEMON_ATTR_SYNC_MAXLEN, d.maxLength());
        }
        d.mcastGroup().ifPresent(g -> {
            if (g instanceof Inet4Address) {
                w.putBytes(IPVS_DAEMON_ATTR_MCAST_GROUP, g.getAddress());
            } else {
                w.putBytes(IPVS_DAEMON_ATTR_MCAST_GROUP6, g.getAddress());
            }
        });
        // NLA_U16 in host order (nla_get_u16 in ip_vs_ctl.c), unlike the be16 ports of services and dests
        d.mcastPort().ifPresent(p -> w.putU16(IPVS_DAEMON_ATTR_MCAST_PORT, p));
        d.mcastTtl().ifPresent(t -> w.putU8(IPVS_DAEMON_ATTR_MCAST_TTL, t));
        w.endNested(n);
        w.endMessage(m);
    }

    public static void writeDelDaemon(NlWriter w, int family, int seq, SyncState state) {
        int m = begin(w, family, REQ_ACK, seq, IPVS_CMD_DEL_DAEMON);
        int n = w.beginNested(IPVS_CMD_ATTR_DAEMON);
        w.putU32(IPVS_DAEMON_ATTR_STATE, state.value());
        w.endNested(n);
        w.endMessage(m);
    }

    public static void writeDumpDaemons(NlWriter w, int family, int seq) {
        w.endMessage(begin(w, family, REQ_DUMP, seq, IPVS_CMD_GET_DAEMON));
    }

    private static int begin(NlWriter w, int family, int flags, int seq, int cmd) {
        int m = w.beginMessage(family, flags, seq);
        w.genlHeader(cmd, IPVS_GENL_VERSION);
        return m;
    }

    /** IPVS_CMD_ATTR_SERVICE with identity only (what dest and delete requests need). */
    static void writeServiceKeyOnly(NlWriter w, ServiceKey key) {
        int n = w.beginNested(IPVS_CMD_ATTR_SERVICE);
        writeKeyAttrs(w, key);
        w.endNested(n);
    }

    /** IPVS_CMD_ATTR_SERVICE with identity and every setting NEW/SET_SERVICE require. */
    static void writeService(NlWriter w, ServiceSpec s) {
        int n = w.beginNested(IPVS_CMD_ATTR_SERVICE);
        writeKeyAttrs(w, s.key());
        w.putString(IPVS_SVC_ATTR_SCHED_NAME, s.scheduler());
        // struct ip_vs_flags { flags, mask }: the mask covers every bit so stale flags are cleared.
        byte[] flags = new byte[8];
        ByteBuffer.wrap(flags).order(java.nio.ByteOrder.nativeOrder())
                .putInt(ServiceFlag.toBits(s.flags())).putInt(~IP_VS_SVC_F_HASHED);
        w.putBytes(IPVS_SVC_ATTR_FLAGS, flags);
        w.putU32(IPVS_SVC_ATTR_TIMEOUT, s.timeoutSeconds());
        if (s.key().isIpv6()) {
            w.putU32(IPVS_SVC_ATTR_NETMASK, s.netmask()); // IPv6: the prefix length
        } else {
            w.putBe32(IPVS_SVC_ATTR_NETMASK, prefixToMask(s.netmask()));
        }
        w.endNested(n);
    }

    private static void writeKeyAttrs(NlWriter w, ServiceKey key) {
        w.putU16(IPVS_SVC_ATTR_AF, key.family());
        if (key.isFwmark()) {
            w.putU32(IPVS_SVC_ATTR_FWMARK, key.fwmark());
        } else {
            w.putU16(IPVS_SVC_ATTR_PROTOCOL, key.protocol().number());
            w.putAddress(IPVS_SVC_ATTR_ADDR, key.address(), ADDR_LEN);
            w.putBe16(IPVS_SVC_ATTR_PORT, key.port());
        }
    }

    private static void writeDestKey(NlWriter w, DestKey key) {
        w.putAddress(IPVS_DEST_ATTR_ADDR, key.address(), ADDR_LEN);
        w.putBe16(IPVS_DEST_ATTR_PORT, key.port());
        w.putU16(IPVS_DEST_ATTR_ADDR_FAMILY, key.family());
    }

    /** IPVS_CMD_ATTR_DEST with identity and every setting NEW/SET_DEST require. */
    static void writeDest(NlWriter w, DestSpec d) {
        int n = w.beginNested(IPVS_CMD_ATTR_DEST);
        writeDestKey(w, d.key());
        w.putU32(IPVS_DEST_ATTR_FWD_METHOD, d.forwarding().connFlag());
        w.putU32(IPVS_DEST_ATTR_WEIGHT, d.weight());
        w.putU32(IPVS_DEST_ATTR_U_THRESH, d.upperThreshold());
        w.putU32(IPVS_DEST_ATTR_L_THRESH, d.lowerThreshold());
        if (d.forwarding() == Forwarding.TUN) {
            w.putU8(IPVS_DEST_ATTR_TUN_TYPE, d.tunnelType().value());
            w.putBe16(IPVS_DEST_ATTR_TUN_PORT, d.tunnelPort());
            w.putU16(IPVS_DEST_ATTR_TUN_FLAGS, d.tunnelFlags());
        }
        w.endNested(n);
    }

    static int prefixToMask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    static int maskToPrefix(int mask) {
        return Integer.bitCount(mask);
    }

    // ---- replies -----------------------------------------------------------------------------

    /** A service from the attributes inside IPVS_CMD_ATTR_SERVICE. */
    public static ObservedService decodeService(NlAttributes a) {
        int family = a.u16(IPVS_SVC_ATTR_AF);
        ServiceKey key;
        if (a.has(IPVS_SVC_ATTR_FWMARK) && a.u32(IPVS_SVC_ATTR_FWMARK) != 0) {
            key = ServiceKey.fwmark(a.u32(IPVS_SVC_ATTR_FWMARK), family);
        } else {
            Protocol p = Protocol.ofNumber(a.u16(IPVS_SVC_ATTR_PROTOCOL));
            if (p == null) {
                throw new IllegalArgumentException("unknown service protocol " + a.u16(IPVS_SVC_ATTR_PROTOCOL));
            }
            key = new ServiceKey(p, address(a, IPVS_SVC_ATTR_ADDR, family), a.be16(IPVS_SVC_ATTR_PORT), 0, family);
        }
        String sched = a.string(IPVS_SVC_ATTR_SCHED_NAME, "");
        int flags = a.has(IPVS_SVC_ATTR_FLAGS) ? a.u32(IPVS_SVC_ATTR_FLAGS) : 0;
        int netmask;
        if (!a.has(IPVS_SVC_ATTR_NETMASK)) {
            netmask = family == AF_INET6 ? 128 : 32;
        } else if (family == AF_INET6) {
            netmask = Math.min(128, a.u32(IPVS_SVC_ATTR_NETMASK));
        } else {
            netmask = maskToPrefix(a.be32(IPVS_SVC_ATTR_NETMASK));
        }
        ServiceSpec spec = new ServiceSpec(key, sched.isEmpty() ? "none" : sched,
                ServiceFlag.fromBits(flags, sched), a.u32(IPVS_SVC_ATTR_TIMEOUT, 0), netmask);
        return new ObservedService(spec, stats(a, IPVS_SVC_ATTR_STATS64, IPVS_SVC_ATTR_STATS));
    }

    /** A real server from the attributes inside IPVS_CMD_ATTR_DEST; {@code serviceFamily} if none given. */
    public static ObservedDest decodeDest(NlAttributes a, int serviceFamily) {
        int family = a.u16(IPVS_DEST_ATTR_ADDR_FAMILY, serviceFamily);
        DestKey key = new DestKey(address(a, IPVS_DEST_ATTR_ADDR, family), a.be16(IPVS_DEST_ATTR_PORT));
        Forwarding fwd = Forwarding.ofConnFlags(a.u32(IPVS_DEST_ATTR_FWD_METHOD, 0));
        DestSpec spec = new DestSpec(key, fwd == null ? Forwarding.NAT : fwd,
                Math.max(0, a.u32(IPVS_DEST_ATTR_WEIGHT, 0)),
                a.u32(IPVS_DEST_ATTR_U_THRESH, 0), a.u32(IPVS_DEST_ATTR_L_THRESH, 0),
                TunnelType.ofValue(a.u8(IPVS_DEST_ATTR_TUN_TYPE, 0)),
                a.be16(IPVS_DEST_ATTR_TUN_PORT, 0), a.u16(IPVS_DEST_ATTR_TUN_FLAGS, 0));
        return new ObservedDest(spec, a.u32(IPVS_DEST_ATTR_ACTIVE_CONNS, 0), a.u32(IPVS_DEST_ATTR_INACT_CONNS, 0),
                a.u32(IPVS_DEST_ATTR_PERSIST_CONNS, 0), stats(a, IPVS_DEST_ATTR_STATS64, IPVS_DEST_ATTR_STATS));
    }

    /** A sync daemon from the attributes inside IPVS_CMD_ATTR_DAEMON. */
    public static SyncDaemon decodeDaemon(NlAttributes a) {
        Optional<InetAddress> group = Optional.empty();
        if (a.has(IPVS_DAEMON_ATTR_MCAST_GROUP6)) {
            group = Optional.of(a.address(IPVS_DAEMON_ATTR_MCAST_GROUP6, 16));
        } else if (a.has(IPVS_DAEMON_ATTR_MCAST_GROUP)) {
            group = Optional.of(a.address(IPVS_DAEMON_ATTR_MCAST_GROUP, 4));
        }
        return new SyncDaemon(SyncState.ofValue(a.u32(IPVS_DAEMON_ATTR_STATE)),
                a.string(IPVS_DAEMON_ATTR_MCAST_IFN), a.u32(IPVS_DAEMON_ATTR_SYNC_ID), group,
                a.has(IPVS_DAEMON_ATTR_MCAST_PORT) ? OptionalInt.of(a.u16(IPVS_DAEMON_ATTR_MCAST_PORT)) : OptionalInt.empty(),
                a.has(IPVS_DAEMON_ATTR_MCAST_TTL) ? OptionalInt.of(a.u8(IPVS_DAEMON_ATTR_MCAST_TTL)) : OptionalInt.empty(),
                a.u16(IPVS_DAEMON_ATTR_SYNC_MAXLEN, 0));
    }

    /** The top-level attributes of a GET_INFO reply. */
    public static Info decodeInfo(NlAttributes a) {
        return new Info(a.u32(IPVS_INFO_ATTR_VERSION, 0), a.u32(IPVS_INFO_ATTR_CONN_TAB_SIZE, 0));
    }

    /** The top-level attributes of a GET_CONFIG reply. */
    public static Timeouts decodeTimeouts(NlAttributes a) {
        return new Timeouts(a.u32(IPVS_CMD_ATTR_TIMEOUT_TCP, 0), a.u32(IPVS_CMD_ATTR_TIMEOUT_TCP_FIN, 0),
                a.u32(IPVS_CMD_ATTR_TIMEOUT_UDP, 0));
    }

    private static InetAddress address(NlAttributes a, int type, int family) {
        return a.address(type, family == AF_INET6 ? 16 : 4);
    }

    /** STATS64 when the kernel sent it (3.18+), else the 32-bit STATS. */
    private static Stats stats(NlAttributes a, int stats64, int stats32) {
        int type = a.has(stats64) ? stats64 : stats32;
        if (!a.has(type)) {
            return Stats.ZERO;
        }
        NlAttributes s = a.nested(type);
        return new Stats(num(s, IPVS_STATS_ATTR_CONNS), num(s, IPVS_STATS_ATTR_INPKTS), num(s, IPVS_STATS_ATTR_OUTPKTS),
                num(s, IPVS_STATS_ATTR_INBYTES), num(s, IPVS_STATS_ATTR_OUTBYTES), num(s, IPVS_STATS_ATTR_CPS),
                num(s, IPVS_STATS_ATTR_INPPS), num(s, IPVS_STATS_ATTR_OUTPPS), num(s, IPVS_STATS_ATTR_INBPS),
                num(s, IPVS_STATS_ATTR_OUTBPS));
    }

    /** A counter of 4 or 8 bytes, unsigned. */
    private static long num(NlAttributes s, int type) {
        ByteBuffer v = s.find(type);
        if (v == null) {
            return 0;
        }
        return v.remaining() >= 8 ? v.getLong(0) : Integer.toUnsignedLong(v.getInt(0));
    }

    /** The generic-netlink header length, for {@code NlMessage.attributes}. */
    public static final int HEADER = GenericNetlink.GENL_HDRLEN;
}
