package io.director.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NlCodecTest {

    @Test
    void headerFieldsAndLengthAreWrittenInNativeOrder() {
        NlWriter w = new NlWriter(16);
        int m = w.beginMessage(0x1c, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, 77);
        w.genlHeader(5, 1);
        w.putU32(3, 0xdeadbeef);
        w.endMessage(m);
        ByteBuffer b = w.messages();
        assertThat(b.remaining()).isEqualTo(16 + 4 + 8);
        ByteBuffer n = b.duplicate().order(ByteOrder.nativeOrder());
        assertThat(n.getInt(0)).isEqualTo(28);
        assertThat(n.getShort(4)).isEqualTo((short) 0x1c);
        assertThat(n.getShort(6)).isEqualTo((short) 5);
        assertThat(n.getInt(8)).isEqualTo(77);
        assertThat(n.get(16)).isEqualTo((byte) 5);
        assertThat(n.get(17)).isEqualTo((byte) 1);
    }

    @Test
    void everyAttributeKindRoundTrips() throws Exception {
        NlWriter w = new NlWriter(32); // small on purpose: the writer must grow
        int m = w.beginMessage(20, Netlink.NLM_F_REQUEST, 1);
        w.genlHeader(1, 1);
        w.putU8(1, 0xab);
        w.putU16(2, 0xbeef);
        w.putBe16(3, 8080);
        w.putU32(4, -5);
        w.putBe32(5, 0xffffff00);
        w.putU64(6, Long.MIN_VALUE + 3);
        w.putString(7, "wrr");
        w.putBytes(8, new byte[] {1, 2, 3});
        w.putAddress(9, InetAddress.getByName("198.51.100.7"), 16);
        w.putFlag(10);
        int n = w.beginNested(11);
        w.putU32(1, 42);
        int nn = w.beginNested(2);
        w.putString(1, "deep");
        w.endNested(nn);
        w.endNested(n);
        w.endMessage(m);

        List<NlMessage> msgs = NlMessage.parseAll(w.messages());
        assertThat(msgs).hasSize(1);
        NlAttributes a = msgs.get(0).attributes(GenericNetlink.GENL_HDRLEN);
        assertThat(a.u8(1)).isEqualTo(0xab);
        assertThat(a.u16(2)).isEqualTo(0xbeef);
        assertThat(a.be16(3)).isEqualTo(8080);
        assertThat(a.bytes(3)).containsExactly((byte) 0x1f, (byte) 0x90);
        assertThat(a.u32(4)).isEqualTo(-5);
        assertThat(a.be32(5)).isEqualTo(0xffffff00);
        assertThat(a.bytes(5)).containsExactly((byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0);
        assertThat(a.u64(6)).isEqualTo(Long.MIN_VALUE + 3);
        assertThat(a.string(7)).isEqualTo("wrr");
        assertThat(a.bytes(7)).hasSize(4); // NUL-terminated
        assertThat(a.bytes(8)).containsExactly(1, 2, 3);
        assertThat(a.bytes(9)).hasSize(16);
        assertThat(a.address(9, 4)).isEqualTo(InetAddress.getByName("198.51.100.7"));
        assertThat(a.has(10)).isTrue();
        assertThat(a.bytes(10)).isEmpty();
        assertThat(a.all().stream().filter(x -> x.type() == 11).findFirst().orElseThrow().nested()).isTrue();
        NlAttributes nested = a.nested(11);
        assertThat(nested.u32(1)).isEqualTo(42);
        assertThat(nested.nested(2).string(1)).isEqualTo("deep");
        assertThat(a.has(12)).isFalse();
        assertThat(a.u32(12, 9)).isEqualTo(9);
    }

    @Test
    void attributesAreFourByteAligned() {
        NlWriter w = new NlWriter();
        int m = w.beginMessage(20, 0, 1);
        w.putU8(1, 1);
        int afterFirst = w.size();
        w.putU8(2, 2);
        w.endMessage(m);
        assertThat(afterFirst - 16).isEqualTo(5); // header + 1 byte, padding comes before the next one
        assertThat(w.size()).isEqualTo(16 + 8 + 8);
        NlAttributes a = NlMessage.parseAll(w.messages()).get(0).attributes(0);
        assertThat(a.u8(1)).isEqualTo(1);
        assertThat(a.u8(2)).isEqualTo(2);
    }

    @Test
    void severalMessagesShareOneBufferAndParseInOrder() {
        NlWriter w = new NlWriter();
        for (int i = 0; i < 50; i++) {
            int m = w.beginMessage(30, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, 1000 + i);
            w.putString(1, "x".repeat(i));
            w.endMessage(m);
        }
        List<NlMessage> msgs = NlMessage.parseAll(w.messages());
        assertThat(msgs).hasSize(50);
        for (int i = 0; i < 50; i++) {
            assertThat(msgs.get(i).seq()).isEqualTo(1000 + i);
            assertThat(msgs.get(i).attributes(0).string(1)).hasSize(i);
        }
        w.clear();
        assertThat(w.size()).isZero();
    }

    @Test
    void lastAttributeOfATypeWinsButAllAreKept() {
        NlWriter w = new NlWriter();
        int m = w.beginMessage(20, 0, 1);
        w.putU32(1, 1).putU32(1, 2);
        w.endMessage(m);
        NlAttributes a = NlMessage.parseAll(w.messages()).get(0).attributes(0);
        assertThat(a.u32(1)).isEqualTo(2);
        assertThat(a.all()).hasSize(2);
    }

    @Test
    void truncatedDataIsRejectedWithItsReason() {
        ByteBuffer bad = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
        bad.putShort(0, (short) 40).putShort(2, (short) 1);
        assertThatThrownBy(() -> NlAttributes.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("length 40");
        ByteBuffer badMsg = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder()).putInt(0, 400);
        assertThatThrownBy(() -> NlMessage.parseAll(badMsg)).hasMessageContaining("length 400");
    }

    @Test
    void missingAttributeIsNamed() {
        NlAttributes empty = NlAttributes.parse(ByteBuffer.allocate(0));
        assertThatThrownBy(() -> empty.u32(7)).hasMessageContaining("attribute 7 missing");
    }

    @Test
    void exchangeMatchesAcksAndErrorsBySequenceAndReadsExtendedAck() {
        // Replies arrive in an order different from the requests; an error carries an extended-ack text.
        NlWriter req = new NlWriter();
        for (int s = 1; s <= 3; s++) {
            int m = req.beginMessage(30, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, s);
            req.endMessage(m);
        }
        Exchange exchange = new Exchange(req.messages());
        NlWriter in = new NlWriter();
        ack(in, 3, 0, null);
        ack(in, 99, 0, null); // stale: ignored
        ack(in, 1, 17, "destination exists");
        ack(in, 2, 0, null);
        List<String> done = new ArrayList<>();
        exchange.dispatch(in.messages(), (seq, errno, msg) -> done.add(seq + ":" + errno + ":" + msg));
        assertThat(done).containsExactly("3:0:", "1:17:destination exists", "2:0:");
        assertThat(exchange.finished()).isTrue();
    }

    @Test
    void lastRequestMustAskForAnAck() {
        NlWriter req = new NlWriter();
        req.endMessage(req.beginMessage(30, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, 4));
        req.endMessage(req.beginMessage(30, Netlink.NLM_F_REQUEST, 5));
        assertThatThrownBy(() -> new Exchange(req.messages())).hasMessageContaining("neither ack nor dump");
    }

    @Test
    void quietRequestsSucceedWhenALaterOneIsAcknowledgedAndFailByTheirOwnError() {
        NlWriter req = new NlWriter();
        for (int s = 1; s <= 4; s++) {
            req.endMessage(req.beginMessage(30, Netlink.NLM_F_REQUEST | (s == 4 ? Netlink.NLM_F_ACK : 0), s));
        }
        Exchange exchange = new Exchange(req.messages());
        NlWriter in = new NlWriter();
        ack(in, 2, 2, null); // only the failing quiet request is answered, then the final ack
        ack(in, 4, 0, null);
        List<String> done = new ArrayList<>();
        exchange.dispatch(in.messages(), (seq, errno, msg) -> done.add(seq + ":" + errno));
        assertThat(done).containsExactlyInAnyOrder("1:0", "2:2", "3:0", "4:0");
        assertThat(done.indexOf("1:0")).isLessThan(done.indexOf("4:0"));
        assertThat(exchange.finished()).isTrue();
    }

    @Test
    void quietRequestsStayOpenUntilALaterAck() {
        NlWriter req = new NlWriter();
        req.endMessage(req.beginMessage(30, Netlink.NLM_F_REQUEST, 1));
        req.endMessage(req.beginMessage(30, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, 2));
        Exchange exchange = new Exchange(req.messages());
        NlWriter in = new NlWriter();
        ack(in, 1, 17, null);
        exchange.dispatch(in.messages(), (seq, errno, msg) -> { });
        assertThat(exchange.finished()).isFalse();
    }

    private static void ack(NlWriter w, int seq, int errno, String text) {
        int flags = Netlink.NLM_F_CAPPED | (text == null ? 0 : Netlink.NLM_F_ACK_TLVS);
        int m = w.beginMessage(Netlink.NLMSG_ERROR, flags, seq);
        w.writeU32(-errno);
        w.writeU32(16).writeU16(30).writeU16(5).writeU32(seq).writeU32(0);
        if (text != null) {
            w.putString(Netlink.NLMSGERR_ATTR_MSG, text);
        }
        w.endMessage(m);
    }

    @Test
    void fakeKernelAnswersFamilyLookup() throws Exception {
        FakeGenlKernel k = new FakeGenlKernel().family("IPVS", 0x23);
        assertThat(GenericNetlink.resolveFamily(k, "IPVS")).isEqualTo(0x23);
        assertThatThrownBy(() -> GenericNetlink.resolveFamily(k, "NOPE"))
                .isInstanceOfSatisfying(NetlinkException.class, e -> assertThat(e.errno()).isEqualTo(2))
                .hasMessageContaining("ENOENT");
    }
}
