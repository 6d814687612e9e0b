package io.director.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Set;

/** The bookkeeping of one request/reply exchange: which requests are open, and what each reply means. */
final class Exchange {
    private Exchange() {}

    /** The sequence numbers of {@code requests}; each must ask for an ack or be a dump. */
    static Set<Integer> pendingSeqs(ByteBuffer requests) {
        Set<Integer> seqs = new HashSet<>();
        for (NlMessage m : NlMessage.parseAll(requests)) {
            boolean dump = (m.flags() & Netlink.NLM_F_DUMP) == Netlink.NLM_F_DUMP;
            if (!dump && (m.flags() & Netlink.NLM_F_ACK) == 0) {
                throw new IllegalArgumentException("request seq " + m.seq() + " asks for neither ack nor dump");
            }
            seqs.add(m.seq());
        }
        return seqs;
    }

    /**
     * Hands the messages of one received datagram to {@code replies}: data to onMessage, NLMSG_ERROR
     * (ack or error) and NLMSG_DONE to onDone, removing the request from {@code pending}. Messages
     * for sequence numbers not pending (stale answers, events) are skipped.
     */
    static void dispatch(ByteBuffer datagram, Set<Integer> pending, NetlinkConnection.Replies replies) {
        for (NlMessage m : NlMessage.parseAll(datagram)) {
            if (!pending.contains(m.seq())) {
                continue;
            }
            switch (m.type()) {
                case Netlink.NLMSG_ERROR -> {
                    pending.remove(m.seq());
                    int err = -m.payload().getInt(0);
                    replies.onDone(m.seq(), err, err == 0 ? "" : extendedAck(m));
                }
                case Netlink.NLMSG_DONE -> {
                    pending.remove(m.seq());
                    int err = m.payload().remaining() >= 4 ? -m.payload().getInt(0) : 0;
                    replies.onDone(m.seq(), err, "");
                }
                case Netlink.NLMSG_NOOP, Netlink.NLMSG_OVERRUN -> { }
                default -> replies.onMessage(m);
            }
        }
    }

    /** The text of an extended ack's NLMSGERR_ATTR_MSG, or "". */
    static String extendedAck(NlMessage m) {
        if ((m.flags() & Netlink.NLM_F_ACK_TLVS) == 0) {
            return "";
        }
        ByteBuffer p = m.payload();
        if (p.remaining() < 4 + Netlink.NLMSG_HDRLEN) {
            return "";
        }
        int origLen = p.getInt(4);
        int skip = 4 + ((m.flags() & Netlink.NLM_F_CAPPED) != 0 ? Netlink.NLMSG_HDRLEN : Netlink.align(origLen));
        if (skip > p.remaining()) {
            return "";
        }
        try {
            NlAttributes tlvs = NlAttributes.parse(p.duplicate().position(skip).slice().order(ByteOrder.nativeOrder()));
            return tlvs.string(Netlink.NLMSGERR_ATTR_MSG, "");
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
