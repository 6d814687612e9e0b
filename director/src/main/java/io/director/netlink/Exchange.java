package io.director.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bookkeeping of one request/reply exchange: which requests are open, and what each reply means.
 * A request with NLM_F_ACK (or a dump) is finished by its acknowledgement (or NLMSG_DONE). A request
 * without NLM_F_ACK is "quiet": the kernel answers it only if it fails, and processes a datagram's
 * messages in order, so a quiet request is finished, successfully, once a later request of the same
 * exchange is acknowledged. This lets a batch cost one acknowledgement instead of one per request;
 * the last request must therefore ask for an ack (or be a dump).
 */
final class Exchange {
    private final int[] seqs;
    private final boolean[] quiet;
    private final boolean[] done;
    private final Map<Integer, Integer> index = new HashMap<>();
    private int open;
    private int firstOpen;

    Exchange(ByteBuffer requests) {
        List<NlMessage> msgs = NlMessage.parseAll(requests);
        int n = msgs.size();
        seqs = new int[n];
        quiet = new boolean[n];
        done = new boolean[n];
        for (int i = 0; i < n; i++) {
            NlMessage m = msgs.get(i);
            boolean dump = (m.flags() & Netlink.NLM_F_DUMP) == Netlink.NLM_F_DUMP;
            seqs[i] = m.seq();
            quiet[i] = !dump && (m.flags() & Netlink.NLM_F_ACK) == 0;
            if (index.put(m.seq(), i) != null) {
                throw new IllegalArgumentException("sequence number " + m.seq() + " used twice in one exchange");
            }
        }
        if (n > 0 && quiet[n - 1]) {
            throw new IllegalArgumentException("last request (seq " + seqs[n - 1] + ") asks for neither ack nor dump");
        }
        open = n;
    }

    boolean finished() {
        return open == 0;
    }

    /**
     * Hands the messages of one received datagram to {@code replies}: data to onMessage, NLMSG_ERROR
     * (ack or error) and NLMSG_DONE to onDone. Messages for sequence numbers not open (stale answers,
     * events) are skipped.
     */
    void dispatch(ByteBuffer datagram, NetlinkConnection.Replies replies) {
        for (NlMessage m : NlMessage.parseAll(datagram)) {
            Integer i = index.get(m.seq());
            if (i == null || done[i]) {
                continue;
            }
            switch (m.type()) {
                case Netlink.NLMSG_ERROR -> {
                    int err = -m.payload().getInt(0);
                    finish(i, err, err == 0 ? "" : extendedAck(m), replies);
                }
                case Netlink.NLMSG_DONE -> {
                    int err = m.payload().remaining() >= 4 ? -m.payload().getInt(0) : 0;
                    finish(i, err, "", replies);
                }
                case Netlink.NLMSG_NOOP, Netlink.NLMSG_OVERRUN -> { }
                default -> replies.onMessage(m);
            }
        }
    }

    private void finish(int i, int errno, String text, NetlinkConnection.Replies replies) {
        if (!quiet[i]) {
            // Every quiet request before this one was processed without error.
            for (int j = firstOpen; j < i; j++) {
                if (!done[j] && quiet[j]) {
                    done[j] = true;
                    open--;
                    replies.onDone(seqs[j], 0, "");
                }
            }
        }
        done[i] = true;
        open--;
        replies.onDone(seqs[i], errno, text);
        while (firstOpen < done.length && done[firstOpen]) {
            firstOpen++;
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
