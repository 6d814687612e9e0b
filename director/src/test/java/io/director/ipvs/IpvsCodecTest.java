package io.director.ipvs;

import static io.director.ipvs.IpvsConstants.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.director.netlink.NlAttributes;
import io.director.netlink.NlMessage;
import io.director.netlink.NlWriter;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Pack/unpack round trips of every IPVS attribute, and the exact layout the kernel expects. */
class IpvsCodecTest {
    static final int FAMILY = 0x22;

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static final ServiceKey WEB = ServiceKey.of(Protocol.TCP, ip("198.51.100.100"), 80);
    static final ServiceKey WEB6 = ServiceKey.of(Protocol.UDP, ip("2001:db8::100"), 53);

    private static NlMessage single(NlWriter w) {
        List<NlMessage> all = NlMessage.parseAll(w.messages());
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private static NlMessage op(IpvsOp op) {
        NlWriter w = new NlWriter();
        IpvsCodec.writeOp(w, FAMILY, 7, op);
        return single(w);
    }

    @Test
    void addServiceCarriesEverySettingTheKernelRequires() {
        NlMessage m = op(new IpvsOp.AddService(ServiceSpec.of(WEB, "wrr")));
        assertThat(m.type()).isEqualTo(FAMILY);
        assertThat(m.flags()).isEqualTo(0x01 | 0x04); // NLM_F_REQUEST | NLM_F_ACK
        assertThat(m.seq()).isEqualTo(7);
        assertThat(m.genlCommand()).isEqualTo(IPVS_CMD_NEW_SERVICE);
        assertThat(m.payload().get(1)).isEqualTo((byte) IPVS_GENL_VERSION);
        NlAttributes top = m.attributes(IpvsCodec.HEADER);
        assertThat(top.all()).extracting(NlAttributes.Attr::type).containsExactly(IPVS_CMD_ATTR_SERVICE);
        NlAttributes s = top.nested(IPVS_CMD_ATTR_SERVICE);
        assertThat(s.all()).extracting(NlAttributes.Attr::type).containsExactly(IPVS_SVC_ATTR_AF,
                IPVS_SVC_ATTR_PROTOCOL, IPVS_SVC_ATTR_ADDR, IPVS_SVC_ATTR_PORT, IPVS_SVC_ATTR_SCHED_NAME,
                IPVS_SVC_ATTR_FLAGS, IPVS_SVC_ATTR_TIMEOUT, IPVS_SVC_ATTR_NETMASK);
        assertThat(s.u16(IPVS_SVC_ATTR_AF)).isEqualTo(2);
        assertThat(s.u16(IPVS_SVC_ATTR_PROTOCOL)).isEqualTo(6);
        assertThat(s.bytes(IPVS_SVC_ATTR_ADDR)).containsExactly(198, 51, 100, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(s.bytes(IPVS_SVC_ATTR_PORT)).containsExactly(0, 80);
        assertThat(s.string(IPVS_SVC_ATTR_SCHED_NAME)).isEqualTo("wrr");
        ByteBuffer flags = ByteBuffer.wrap(s.bytes(IPVS_SVC_ATTR_FLAGS)).order(ByteOrder.nativeOrder());
        assertThat(flags.getInt(0)).isZero();
        assertThat(flags.getInt(4)).isEqualTo(~IP_VS_SVC_F_HASHED);
        assertThat(s.u32(IPVS_SVC_ATTR_TIMEOUT)).isZero();
        assertThat(s.bytes(IPVS_SVC_ATTR_NETMASK)).containsExactly(0xff, 0xff, 0xff, 0xff);
    }

    @Test
    void persistentIpv6ServiceSendsNetmaskAsPrefixLength() {
        ServiceSpec spec = ServiceSpec.of(WEB6, "sh").persistent(600, 64)
                .withFlags(ServiceFlag.SH_PORT, ServiceFlag.SH_FALLBACK, ServiceFlag.ONE_PACKET);
        NlAttributes s = op(new IpvsOp.EditService(spec)).attributes(4).nested(IPVS_CMD_ATTR_SERVICE);
        assertThat(s.u16(IPVS_SVC_ATTR_AF)).isEqualTo(10);
        assertThat(s.u16(IPVS_SVC_ATTR_PROTOCOL)).isEqualTo(17);
        assertThat(s.address(IPVS_SVC_ATTR_ADDR, 16)).isEqualTo(ip("2001:db8::100"));
        assertThat(s.u32(IPVS_SVC_ATTR_NETMASK)).isEqualTo(64);
        assertThat(s.u32(IPVS_SVC_ATTR_TIMEOUT)).isEqualTo(600);
        assertThat(s.u32(IPVS_SVC_ATTR_FLAGS)).isEqualTo(0x01 | 0x04 | 0x08 | 0x10);
    }

    @Test
    void persistentIpv4NetmaskIsAMaskInNetworkOrder() {
        ServiceSpec spec = ServiceSpec.of(WEB, "rr").persistent(300, 24);
        NlAttributes s = op(new IpvsOp.AddService(spec)).attributes(4).nested(IPVS_CMD_ATTR_SERVICE);
        assertThat(s.bytes(IPVS_SVC_ATTR_NETMASK)).containsExactly(255, 255, 255, 0);
    }

    @Test
    void fwmarkServiceIsIdentifiedByMarkAndFamilyOnly() {
        ServiceKey fw = ServiceKey.fwmark(5, ServiceKey.AF_INET6);
        NlAttributes s = op(new IpvsOp.DeleteService(fw)).attributes(4).nested(IPVS_CMD_ATTR_SERVICE);
        assertThat(s.all()).extracting(NlAttributes.Attr::type).containsExactly(IPVS_SVC_ATTR_AF, IPVS_SVC_ATTR_FWMARK);
        assertThat(s.u16(IPVS_SVC_ATTR_AF)).isEqualTo(10);
        assertThat(s.u32(IPVS_SVC_ATTR_FWMARK)).isEqualTo(5);
    }

    @Test
    void commandsOfEveryOp() {
        DestSpec d = DestSpec.of(DestKey.of(ip("198.51.100.11"), 80), Forwarding.DR, 1);
        assertThat(op(new IpvsOp.AddService(ServiceSpec.of(WEB, "rr"))).genlCommand()).isEqualTo(1);
        assertThat(op(new IpvsOp.EditService(ServiceSpec.of(WEB, "rr"))).genlCommand()).isEqualTo(2);
        assertThat(op(new IpvsOp.DeleteService(WEB)).genlCommand()).isEqualTo(3);
        assertThat(op(new IpvsOp.AddDest(WEB, d)).genlCommand()).isEqualTo(5);
        assertThat(op(new IpvsOp.EditDest(WEB, d)).genlCommand()).isEqualTo(6);
        assertThat(op(new IpvsOp.DeleteDest(WEB, d.key())).genlCommand()).isEqualTo(7);
    }

    @Test
    void addDestCarriesServiceKeyAndEveryDestSetting() {
        DestSpec d = DestSpec.of(DestKey.of(ip("198.51.100.11"), 8080), Forwarding.NAT, 3).withThresholds(100, 10);
        NlAttributes top = op(new IpvsOp.AddDest(WEB, d)).attributes(4);
        NlAttributes s = top.nested(IPVS_CMD_ATTR_SERVICE);
        assertThat(s.all()).extracting(NlAttributes.Attr::type).containsExactly(IPVS_SVC_ATTR_AF,
                IPVS_SVC_ATTR_PROTOCOL, IPVS_SVC_ATTR_ADDR, IPVS_SVC_ATTR_PORT);
        NlAttributes a = top.nested(IPVS_CMD_ATTR_DEST);
        assertThat(a.all()).extracting(NlAttributes.Attr::type).containsExactly(IPVS_DEST_ATTR_ADDR,
                IPVS_DEST_ATTR_PORT, IPVS_DEST_ATTR_ADDR_FAMILY, IPVS_DEST_ATTR_FWD_METHOD, IPVS_DEST_ATTR_WEIGHT,
                IPVS_DEST_ATTR_U_THRESH, IPVS_DEST_ATTR_L_THRESH);
        assertThat(a.address(IPVS_DEST_ATTR_ADDR, 4)).isEqualTo(ip("198.51.100.11"));
        assertThat(a.be16(IPVS_DEST_ATTR_PORT)).isEqualTo(8080);
        assertThat(a.u16(IPVS_DEST_ATTR_ADDR_FAMILY)).isEqualTo(2);
        assertThat(a.u32(IPVS_DEST_ATTR_FWD_METHOD)).isEqualTo(IP_VS_CONN_F_MASQ);
        assertThat(a.u32(IPVS_DEST_ATTR_WEIGHT)).isEqualTo(3);
        assertThat(a.u32(IPVS_DEST_ATTR_U_THRESH)).isEqualTo(100);
        assertThat(a.u32(IPVS_DEST_ATTR_L_THRESH)).isEqualTo(10);
    }

    @Test
    void tunnelDestCarriesTunnelTypePortAndFlags() {
        DestSpec d = DestSpec.of(DestKey.of(ip("198.51.100.12"), 80), Forwarding.TUN, 1).withTunnel(TunnelType.GUE, 6080, 1);
        NlAttributes a = op(new IpvsOp.EditDest(WEB, d)).attributes(4).nested(IPVS_CMD_ATTR_DEST);
        assertThat(a.u32(IPVS_DEST_ATTR_FWD_METHOD)).isEqualTo(IP_VS_CONN_F_TUNNEL);
        assertThat(a.u8(IPVS_DEST_ATTR_TUN_TYPE)).isEqualTo(1);
        assertThat(a.bytes(IPVS_DEST_ATTR_TUN_PORT)).containsExactly(0x17, 0xc0);
        assertThat(a.u16(IPVS_DEST_ATTR_TUN_FLAGS)).isEqualTo(1);
    }

    @Test
    void deleteDestCarriesOnlyTheDestIdentity() {
        NlAttributes a = op(new IpvsOp.DeleteDest(WEB, DestKey.of(ip("198.51.100.11"), 80))).attributes(4)
                .nested(IPVS_CMD_ATTR_DEST);
        assertThat(a.all()).extracting(NlAttributes.Attr::type).containsExactly(IPVS_DEST_ATTR_ADDR,
                IPVS_DEST_ATTR_PORT, IPVS_DEST_ATTR_ADDR_FAMILY);
    }

    @Test
    void servicesRoundTripThroughEncodeAndDecode() {
        List<ServiceSpec> specs = List.of(ServiceSpec.of(WEB, "wrr"), ServiceSpec.of(WEB6, "mh").withFlags(ServiceFlag.MH_PORT,
                ServiceFlag.MH_FALLBACK), ServiceSpec.of(WEB, "rr").persistent(300, 24).withFlags(ServiceFlag.ONE_PACKET),
                ServiceSpec.of(ServiceKey.of(Protocol.SCTP, ip("198.51.100.100"), 9), "lblcr"),
                ServiceSpec.of(ServiceKey.fwmark(7, ServiceKey.AF_INET), "sh").withFlags(ServiceFlag.SH_FALLBACK),
                ServiceSpec.of(ServiceKey.fwmark(8, ServiceKey.AF_INET6), "fo").persistent(60, 48));
        for (ServiceSpec spec : specs) {
            NlAttributes s = op(new IpvsOp.AddService(spec)).attributes(4).nested(IPVS_CMD_ATTR_SERVICE);
            assertThat(IpvsCodec.decodeService(s).spec()).isEqualTo(spec);
        }
    }

    @Test
    void destsRoundTripThroughEncodeAndDecode() {
        List<DestSpec> specs = List.of(DestSpec.of(DestKey.of(ip("198.51.100.11"), 80), Forwarding.DR, 0),
                DestSpec.of(DestKey.of(ip("2001:db8::11"), 80), Forwarding.NAT, 7).withThresholds(5, 2),
                DestSpec.of(DestKey.of(ip("198.51.100.13"), 0), Forwarding.TUN, 1).withTunnel(TunnelType.GRE, 0, 2));
        for (DestSpec spec : specs) {
            NlAttributes a = op(new IpvsOp.AddDest(WEB, spec)).attributes(4).nested(IPVS_CMD_ATTR_DEST);
            assertThat(IpvsCodec.decodeDest(a, ServiceKey.AF_INET).spec()).isEqualTo(spec);
        }
    }

    /** The kernel's own layout (ip_vs_genl_fill_service): HASHED set, 64-bit stats. */
    @Test
    void decodesAServiceAsTheKernelDumpsIt() {
        NlWriter w = new NlWriter();
        int m = w.beginMessage(FAMILY, 0x02, 9);
        w.genlHeader(IPVS_CMD_NEW_SERVICE, 1);
        int n = w.beginNested(IPVS_CMD_ATTR_SERVICE);
        w.putU16(IPVS_SVC_ATTR_AF, 2);
        w.putU16(IPVS_SVC_ATTR_PROTOCOL, 6);
        w.putAddress(IPVS_SVC_ATTR_ADDR, ip("198.51.100.100"), 16);
        w.putBe16(IPVS_SVC_ATTR_PORT, 80);
        w.putString(IPVS_SVC_ATTR_SCHED_NAME, "wlc");
        byte[] flags = new byte[8];
        ByteBuffer.wrap(flags).order(ByteOrder.nativeOrder()).putInt(IP_VS_SVC_F_HASHED | IP_VS_SVC_F_PERSISTENT).putInt(-1);
        w.putBytes(IPVS_SVC_ATTR_FLAGS, flags);
        w.putU32(IPVS_SVC_ATTR_TIMEOUT, 300);
        w.putBe32(IPVS_SVC_ATTR_NETMASK, 0xffffff00);
        int st = w.beginNested(IPVS_SVC_ATTR_STATS);
        w.putU32(IPVS_STATS_ATTR_CONNS, 1);
        w.endNested(st);
        int st64 = w.beginNested(IPVS_SVC_ATTR_STATS64);
        for (int t = IPVS_STATS_ATTR_CONNS; t <= IPVS_STATS_ATTR_OUTBPS; t++) {
            w.putU64(t, 1000L * t + (1L << 33));
        }
        w.endNested(st64);
        w.endNested(n);
        w.endMessage(m);
        ObservedService o = IpvsCodec.decodeService(single(w).attributes(4).nested(IPVS_CMD_ATTR_SERVICE));
        assertThat(o.spec()).isEqualTo(new ServiceSpec(WEB, "wlc", EnumSet.of(ServiceFlag.PERSISTENT), 300, 24));
        long base = 1L << 33;
        assertThat(o.stats()).isEqualTo(new Stats(base + 1000, base + 2000, base + 3000, base + 4000, base + 5000,
                base + 6000, base + 7000, base + 8000, base + 9000, base + 10000));
    }

    @Test
    void decodesADestAsTheKernelDumpsIt() {
        NlWriter w = new NlWriter();
        int m = w.beginMessage(FAMILY, 0x02, 9);
        w.genlHeader(IPVS_CMD_NEW_DEST, 1);
        int n = w.beginNested(IPVS_CMD_ATTR_DEST);
        w.putAddress(IPVS_DEST_ATTR_ADDR, ip("198.51.100.11"), 16);
        w.putBe16(IPVS_DEST_ATTR_PORT, 80);
        w.putU32(IPVS_DEST_ATTR_FWD_METHOD, IP_VS_CONN_F_DROUTE);
        w.putU32(IPVS_DEST_ATTR_WEIGHT, 2);
        w.putU8(IPVS_DEST_ATTR_TUN_TYPE, 0);
        w.putBe16(IPVS_DEST_ATTR_TUN_PORT, 0);
        w.putU16(IPVS_DEST_ATTR_TUN_FLAGS, 0);
        w.putU32(IPVS_DEST_ATTR_U_THRESH, 50);
        w.putU32(IPVS_DEST_ATTR_L_THRESH, 5);
        w.putU32(IPVS_DEST_ATTR_ACTIVE_CONNS, 4);
        w.putU32(IPVS_DEST_ATTR_INACT_CONNS, 3);
        w.putU32(IPVS_DEST_ATTR_PERSIST_CONNS, 2);
        int st = w.beginNested(IPVS_DEST_ATTR_STATS);
        w.putU32(IPVS_STATS_ATTR_CONNS, 11);
        w.putU64(IPVS_STATS_ATTR_INBYTES, 99);
        w.endNested(st);
        w.putU16(IPVS_DEST_ATTR_ADDR_FAMILY, 2);
        w.endNested(n);
        w.endMessage(m);
        ObservedDest d = IpvsCodec.decodeDest(single(w).attributes(4).nested(IPVS_CMD_ATTR_DEST), 2);
        assertThat(d.spec()).isEqualTo(DestSpec.of(DestKey.of(ip("198.51.100.11"), 80), Forwarding.DR, 2).withThresholds(50, 5));
        assertThat(d.activeConnections()).isEqualTo(4);
        assertThat(d.inactiveConnections()).isEqualTo(3);
        assertThat(d.persistentConnections()).isEqualTo(2);
        assertThat(d.stats().connections()).isEqualTo(11);
        assertThat(d.stats().bytesIn()).isEqualTo(99);
    }

    @Test
    void syncDaemonRoundTrips() {
        SyncDaemon full = new SyncDaemon(SyncState.BACKUP, "eth0", 7, Optional.of(ip("239.1.2.3")), OptionalInt.of(8850),
                OptionalInt.of(2), 1400);
        SyncDaemon v6 = new SyncDaemon(SyncState.MASTER, "eth1", 1, Optional.of(ip("ff02::1:81")), OptionalInt.empty(),
                OptionalInt.empty(), 0);
        for (SyncDaemon d : List.of(full, v6, SyncDaemon.of(SyncState.MASTER, "lab0", 0))) {
            NlWriter w = new NlWriter();
            IpvsCodec.writeNewDaemon(w, FAMILY, 3, d);
            NlMessage m = single(w);
            assertThat(m.genlCommand()).isEqualTo(IPVS_CMD_NEW_DAEMON);
            assertThat(IpvsCodec.decodeDaemon(m.attributes(4).nested(IPVS_CMD_ATTR_DAEMON))).isEqualTo(d);
            if (d == full) {
                // the kernel reads the multicast port as a host-order u16 (checked against ipvsadm in the lab)
                assertThat(m.attributes(4).nested(IPVS_CMD_ATTR_DAEMON).u16(IPVS_DAEMON_ATTR_MCAST_PORT)).isEqualTo(8850);
            }
        }
    }

    @Test
    void timeoutsAndInfoRoundTrip() {
        NlWriter w = new NlWriter();
        IpvsCodec.writeSetConfig(w, FAMILY, 3, new Timeouts(900, 120, 300));
        NlMessage m = single(w);
        assertThat(m.genlCommand()).isEqualTo(IPVS_CMD_SET_CONFIG);
        assertThat(IpvsCodec.decodeTimeouts(m.attributes(4))).isEqualTo(new Timeouts(900, 120, 300));
        NlWriter i = new NlWriter();
        int n = i.beginMessage(FAMILY, 0, 1);
        i.genlHeader(IPVS_CMD_SET_INFO, 1);
        i.putU32(IPVS_INFO_ATTR_VERSION, 0x010201);
        i.putU32(IPVS_INFO_ATTR_CONN_TAB_SIZE, 4096);
        i.endMessage(n);
        Info info = IpvsCodec.decodeInfo(single(i).attributes(4));
        assertThat(info).isEqualTo(new Info(0x010201, 4096));
        assertThat(info.versionText()).isEqualTo("1.2.1");
    }

    @Test
    void dumpRequestsAskForADump() {
        NlWriter w = new NlWriter();
        IpvsCodec.writeDumpDests(w, FAMILY, 4, WEB);
        NlMessage m = single(w);
        assertThat(m.flags()).isEqualTo(0x01 | 0x300);
        assertThat(m.genlCommand()).isEqualTo(IPVS_CMD_GET_DEST);
        assertThat(m.attributes(4).nested(IPVS_CMD_ATTR_SERVICE).be16(IPVS_SVC_ATTR_PORT)).isEqualTo(80);
    }

    @Test
    void schedulerFlagNamesFollowTheScheduler() {
        assertThat(ServiceFlag.fromBits(0x08 | 0x10 | 0x02, "mh")).isEqualTo(Set.of(ServiceFlag.MH_FALLBACK, ServiceFlag.MH_PORT));
        assertThat(ServiceFlag.fromBits(0x08 | 0x10, "sh")).isEqualTo(Set.of(ServiceFlag.SH_FALLBACK, ServiceFlag.SH_PORT));
        assertThat(ServiceFlag.toBits(Set.of(ServiceFlag.HASHED, ServiceFlag.PERSISTENT))).isEqualTo(1);
    }
}
