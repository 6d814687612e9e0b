package io.director.ipvs;

import static io.director.ipvs.IpvsCodecTest.WEB;
import static io.director.ipvs.IpvsCodecTest.ip;
import static io.director.ipvs.IpvsConstants.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.director.netlink.FakeGenlKernel;
import io.director.netlink.NlAttributes;
import io.director.netlink.NlMessage;
import io.director.netlink.NlWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** NetlinkIpvs against a generic-netlink kernel faked at the message level. */
class NetlinkIpvsTest {
    static final int IPVS_ID = 0x21;

    final FakeGenlKernel kernel = new FakeGenlKernel().family("IPVS", IPVS_ID);

    static DestSpec dest(int host, int weight) {
        return DestSpec.of(DestKey.of(ip("198.51.100." + host), 80), Forwarding.DR, weight);
    }

    static List<IpvsOp> sampleOps() {
        return List.of(new IpvsOp.AddService(ServiceSpec.of(WEB, "wrr")), new IpvsOp.AddDest(WEB, dest(11, 1)),
                new IpvsOp.AddDest(WEB, dest(12, 2)), new IpvsOp.EditDest(WEB, dest(12, 3)),
                new IpvsOp.DeleteDest(WEB, dest(11, 1).key()));
    }

    @Test
    void resolvesTheFamilyOnceAndSendsAllOpsOfABatchInOneDatagram() throws Exception {
        try (NetlinkIpvs ipvs = NetlinkIpvs.over(kernel, 256)) {
            assertThat(ipvs.familyId()).isEqualTo(IPVS_ID);
            BatchResult r = ipvs.apply(sampleOps());
            assertThat(r.allApplied()).isTrue();
            ipvs.apply(new IpvsOp.DeleteService(WEB));
        }
        assertThat(kernel.datagramSizes()).containsExactly(1, 5, 1); // lookup, the batch, the single op
        assertThat(kernel.requests()).extracting(NlMessage::type).containsOnly(IPVS_ID);
        assertThat(kernel.requests()).extracting(NlMessage::genlCommand).containsExactly(IPVS_CMD_NEW_SERVICE,
                IPVS_CMD_NEW_DEST, IPVS_CMD_NEW_DEST, IPVS_CMD_SET_DEST, IPVS_CMD_DEL_DEST, IPVS_CMD_DEL_SERVICE);
        // one acknowledgement per datagram: only the last op of the batch (and the single op) ask for it
        assertThat(kernel.requests()).extracting(NlMessage::flags).containsExactly(0x01, 0x01, 0x01, 0x01, 0x05, 0x05);
        NlAttributes edit = kernel.requests().get(3).attributes(4).nested(IPVS_CMD_ATTR_DEST);
        assertThat(edit.u32(IPVS_DEST_ATTR_WEIGHT)).isEqualTo(3);
        assertThat(kernel.closed()).isTrue();
    }

    @Test
    void windowBoundsOpsPerDatagram() throws Exception {
        try (NetlinkIpvs ipvs = NetlinkIpvs.over(kernel, 2)) {
            assertThat(ipvs.apply(sampleOps()).allApplied()).isTrue();
        }
        assertThat(kernel.datagramSizes()).containsExactly(1, 2, 2, 1);
        assertThat(kernel.requests()).extracting(NlMessage::flags).containsExactly(0x01, 0x05, 0x01, 0x05, 0x05);
    }

    @Test
    void aFailingQuietOpIsReportedAndTheOthersOfItsWindowCountAsApplied() throws Exception {
        // the kernel answers a request without NLM_F_ACK only when it fails
        kernel.handler((req, out) -> req.genlCommand() == IPVS_CMD_SET_DEST ? 2 : 0);
        try (NetlinkIpvs ipvs = NetlinkIpvs.over(kernel, 256)) {
            BatchResult r = ipvs.apply(sampleOps());
            assertThat(r.results()).extracting(OpResult::isApplied).containsExactly(true, true, true, false, true);
            assertThat(r.failures().get(0).error().orElseThrow().getMessage())
                    .isEqualTo("edit dest tcp 198.51.100.100:80 -> 198.51.100.12:80: ENOENT (no such destination)");
        }
    }

    @Test
    void oneRefusedOpDoesNotAbandonTheRestAndNamesObjectAndReason() throws Exception {
        kernel.handler((req, out) -> req.genlCommand() == IPVS_CMD_NEW_DEST
                && req.attributes(4).nested(IPVS_CMD_ATTR_DEST).address(IPVS_DEST_ATTR_ADDR, 4).equals(ip("198.51.100.11"))
                ? 17 : 0);
        try (NetlinkIpvs ipvs = NetlinkIpvs.over(kernel, 256)) {
            BatchResult r = ipvs.apply(sampleOps());
            assertThat(r.allApplied()).isFalse();
            assertThat(r.appliedCount()).isEqualTo(4);
            assertThat(r.failures()).hasSize(1);
            OpResult bad = r.failures().get(0);
            assertThat(bad.op()).isEqualTo(sampleOps().get(1));
            assertThat(bad.error().orElseThrow().getMessage()).isEqualTo(
                    "add dest tcp 198.51.100.100:80 -> 198.51.100.11:80: EEXIST (destination already exists)");
            assertThat(bad.error().orElseThrow().errnoName()).isEqualTo("EEXIST");
        }
        assertThat(kernel.requests()).hasSize(5);
    }

    @Test
    void singleOpThrowsTheKernelsReason() throws Exception {
        kernel.handler((req, out) -> 3); // ESRCH: no such service
        try (NetlinkIpvs ipvs = NetlinkIpvs.over(kernel, 256)) {
            assertThatThrownBy(() -> ipvs.apply(new IpvsOp.EditDest(WEB, dest(11, 5))))
                    .isInstanceOf(IpvsException.class)
                    .hasMessage("edit dest tcp 198.51.100.100:80 -> 198.51.100.11:80: ESRCH (no such service)");
        }
    }

    @Test
    void missingFamilyMeansIpvsIsNotLoaded() {
        FakeGenlKernel bare = new FakeGenlKernel();
        assertThatThrownBy(() -> NetlinkIpvs.over(bare, 1)).isInstanceOf(IpvsException.class)
                .hasMessageContaining("IPVS is not available").hasMessageContaining("modprobe ip_vs");
        assertThat(bare.closed()).isTrue();
    }

    @Test
    void permissionDeniedSaysWhatIsNeeded() throws Exception {
        kernel.handler((req, out) -> 1);
        try (NetlinkIpvs ipvs = NetlinkIpvs.over(kernel, 256)) {
            assertThatThrownBy(() -> ipvs.apply(new IpvsOp.AddService(ServiceSpec.of(WEB, "rr"))))
                    .hasMessageContaining("EPERM").hasMessageContaining("CAP_NET_ADMIN");
            assertThatThrownBy(ipvs::services).hasMessageStartingWith("list services: EPERM")
                    .hasMessageContaining("CAP_NET_ADMIN");
        }
    }

    @Test
    void mixedFamilyEinvalGetsAHint() throws Exception {
        kernel.handler((req, out) -> 22);
        DestSpec v6 = DestSpec.of(DestKey.of(ip("2001:db8::11"), 80), Forwarding.DR, 1);
        try (NetlinkIpvs ipvs = NetlinkIpvs.over(kernel, 256)) {
            assertThatThrownBy(() -> ipvs.apply(new IpvsOp.AddDest(WEB, v6)))
                    .hasMessageStartingWith("add dest tcp 198.51.100.100:80 -> [2001:db8::11]:80: EINVAL (Invalid argument)")
                    .hasMessageContaining("address family");
        }
    }

    @Test
    void infoIsMatchedBySequenceThoughTheKernelAnswersWithSetInfo() throws Exception {
        kernel.handler((req, out) -> {
            assertThat(req.genlCommand()).isEqualTo(IPVS_CMD_GET_INFO);
            int m = out.beginMessage(IPVS_ID, 0, req.seq());
            out.genlHeader(IPVS_CMD_SET_INFO, 1);
            out.putU32(IPVS_INFO_ATTR_VERSION, 0x010201);
            out.putU32(IPVS_INFO_ATTR_CONN_TAB_SIZE, 4096);
            out.endMessage(m);
            return 0;
        });
        try (NetlinkIpvs ipvs = NetlinkIpvs.over(kernel, 256)) {
            assertThat(ipvs.info()).isEqualTo(new Info(0x010201, 4096));
        }
    }

    @Test
    void tableDumpsServicesThenEachServicesDests() throws Exception {
        ServiceSpec a = ServiceSpec.of(WEB, "wrr");
        ServiceSpec b = ServiceSpec.of(ServiceKey.fwmark(3, ServiceKey.AF_INET), "rr");
        kernel.handler((req, out) -> {
            if (req.genlCommand() == IPVS_CMD_GET_SERVICE) {
                for (ServiceSpec s : List.of(a, b)) {
                    int m = out.beginMessage(IPVS_ID, 0x02, req.seq());
                    out.genlHeader(IPVS_CMD_NEW_SERVICE, 1);
                    IpvsCodec.writeService(out, s);
                    out.endMessage(m);
                }
            } else if (req.genlCommand() == IPVS_CMD_GET_DEST) {
                ServiceKey k = IpvsCodec.decodeService(req.attributes(4).nested(IPVS_CMD_ATTR_SERVICE)).key();
                if (k.equals(WEB)) {
                    for (int h : new int[] {11, 12}) {
                        int m = out.beginMessage(IPVS_ID, 0x02, req.seq());
                        out.genlHeader(IPVS_CMD_NEW_DEST, 1);
                        IpvsCodec.writeDest(out, dest(h, h - 10));
                        out.endMessage(m);
                    }
                }
            }
            return 0;
        });
        try (NetlinkIpvs ipvs = NetlinkIpvs.over(kernel, 256)) {
            IpvsTable t = ipvs.table();
            assertThat(t.services()).hasSize(2);
            assertThat(t.services().get(0).service().spec()).isEqualTo(a);
            assertThat(t.services().get(0).dests()).extracting(ObservedDest::spec).containsExactly(dest(11, 1), dest(12, 2));
            assertThat(t.services().get(1).service().spec()).isEqualTo(b);
            assertThat(t.services().get(1).dests()).isEmpty();
            assertThat(t.destCount()).isEqualTo(2);
        }
        assertThat(kernel.requests()).extracting(NlMessage::flags).containsOnly(0x301);
    }

    @Test
    void oneServiceIsOneRequestAndAMissingOneIsEmpty() throws Exception {
        ServiceSpec web = ServiceSpec.of(WEB, "wrr");
        kernel.handler((req, out) -> {
            assertThat(req.genlCommand()).isEqualTo(IPVS_CMD_GET_SERVICE);
            ServiceKey k = IpvsCodec.decodeService(req.attributes(4).nested(IPVS_CMD_ATTR_SERVICE)).key();
            if (!k.equals(WEB)) {
                return 3; // ESRCH, as the kernel answers for a service it does not have
            }
            int m = out.beginMessage(IPVS_ID, 0, req.seq());
            out.genlHeader(IPVS_CMD_NEW_SERVICE, 1);
            IpvsCodec.writeService(out, web);
            out.endMessage(m);
            return 0;
        });
        try (NetlinkIpvs ipvs = NetlinkIpvs.over(kernel, 256)) {
            assertThat(ipvs.service(WEB).orElseThrow().spec()).isEqualTo(web);
            assertThat(ipvs.service(ServiceKey.fwmark(3, ServiceKey.AF_INET))).isEmpty();
        }
        assertThat(kernel.requests()).extracting(NlMessage::flags).containsOnly(0x5); // request + ack, not a dump
    }

    @Test
    void destsOfAMissingServiceIsAClearError() throws Exception {
        kernel.handler((req, out) -> 3);
        try (NetlinkIpvs ipvs = NetlinkIpvs.over(kernel, 256)) {
            assertThatThrownBy(() -> ipvs.dests(WEB)).hasMessage("list real servers of tcp 198.51.100.100:80: ESRCH (no such service)");
        }
    }

    @Test
    void flushTimeoutsAndSyncDaemonsUseTheirCommands() throws Exception {
        List<Integer> commands = new ArrayList<>();
        kernel.handler((req, out) -> {
            commands.add(req.genlCommand());
            if (req.genlCommand() == IPVS_CMD_GET_CONFIG) {
                int m = out.beginMessage(IPVS_ID, 0, req.seq());
                out.genlHeader(IPVS_CMD_SET_CONFIG, 1);
                out.putU32(IPVS_CMD_ATTR_TIMEOUT_TCP, 900);
                out.putU32(IPVS_CMD_ATTR_TIMEOUT_TCP_FIN, 120);
                out.putU32(IPVS_CMD_ATTR_TIMEOUT_UDP, 300);
                out.endMessage(m);
            } else if (req.genlCommand() == IPVS_CMD_GET_DAEMON) {
                for (SyncState s : SyncState.values()) {
                    int m = out.beginMessage(IPVS_ID, 0x02, req.seq());
                    out.genlHeader(IPVS_CMD_NEW_DAEMON, 1);
                    int n = out.beginNested(IPVS_CMD_ATTR_DAEMON);
                    out.putU32(IPVS_DAEMON_ATTR_STATE, s.value());
                    out.putString(IPVS_DAEMON_ATTR_MCAST_IFN, "eth0");
                    out.putU32(IPVS_DAEMON_ATTR_SYNC_ID, 1);
                    out.endNested(n);
                    out.endMessage(m);
                }
            } else if (req.genlCommand() == IPVS_CMD_DEL_DAEMON) {
                assertThat(req.attributes(4).nested(IPVS_CMD_ATTR_DAEMON).u32(IPVS_DAEMON_ATTR_STATE)).isEqualTo(2);
            }
            return 0;
        });
        try (NetlinkIpvs ipvs = NetlinkIpvs.over(kernel, 256)) {
            ipvs.flush();
            ipvs.setTimeouts(new Timeouts(900, 120, 300));
            assertThat(ipvs.timeouts()).isEqualTo(new Timeouts(900, 120, 300));
            ipvs.startSyncDaemon(SyncDaemon.of(SyncState.MASTER, "eth0", 1));
            assertThat(ipvs.syncDaemons()).containsExactly(SyncDaemon.of(SyncState.MASTER, "eth0", 1),
                    SyncDaemon.of(SyncState.BACKUP, "eth0", 1));
            ipvs.stopSyncDaemon(SyncState.BACKUP);
        }
        assertThat(commands).containsExactly(IPVS_CMD_FLUSH, IPVS_CMD_SET_CONFIG, IPVS_CMD_GET_CONFIG, IPVS_CMD_NEW_DAEMON,
                IPVS_CMD_GET_DAEMON, IPVS_CMD_DEL_DAEMON);
    }

    @Test
    void opNotation() {
        ServiceKey v6 = ServiceKey.of(Protocol.UDP, ip("2001:db8::100"), 53);
        assertThat(new IpvsOp.AddService(ServiceSpec.of(WEB, "wrr"))).hasToString("add service tcp 198.51.100.100:80 wrr");
        assertThat(new IpvsOp.EditDest(WEB, dest(11, 3)))
                .hasToString("edit dest tcp 198.51.100.100:80 -> 198.51.100.11:80 weight 3");
        assertThat(new IpvsOp.AddDest(v6, DestSpec.of(DestKey.of(ip("2001:db8::11"), 53), Forwarding.NAT, 1).withThresholds(10, 2)))
                .hasToString("add dest udp [2001:db8::100]:53 -> [2001:db8::11]:53 weight 1 nat upper 10 lower 2");
        assertThat(new IpvsOp.AddService(ServiceSpec.of(ServiceKey.fwmark(5, ServiceKey.AF_INET6), "sh").persistent(300, 64)
                .withFlags(ServiceFlag.SH_PORT)))
                .hasToString("add service fwmark 5 inet6 sh persistent 300 netmask 64 sh-port");
        assertThat(new IpvsOp.DeleteService(WEB)).hasToString("delete service tcp 198.51.100.100:80");
        assertThat(new IpvsOp.DeleteDest(WEB, dest(12, 1).key())).hasToString("delete dest tcp 198.51.100.100:80 -> 198.51.100.12:80");
    }
}
