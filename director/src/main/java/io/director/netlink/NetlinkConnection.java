package io.director.netlink;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Request/reply exchange with the kernel at the message level. {@link NetlinkSocket} is the real one;
 * tests stand in a fake kernel that parses each request message, records it and answers with messages,
 * so the code above is tested without faking any socket call.
 */
public interface NetlinkConnection extends AutoCloseable {

    /** Receives the answers of an {@link #exchange}. */
    interface Replies {
        /** A data message answering request {@code m.seq()}; its payload is valid only during the call. */
        default void onMessage(NlMessage m) {}

        /** Request {@code seq} is finished: {@code errno} 0 for success, else the positive errno. */
        void onDone(int seq, int errno, String kernelMessage);
    }

    /** A fresh sequence number for the next request (never 0, which the kernel uses for events). */
    int nextSeq();

    /**
     * Sends {@code requests} (one or more messages) in one datagram and receives until every one of
     * them is finished, handing data replies and completions to {@code replies}, matched by sequence
     * number. Requests without NLM_F_ACK (that are not dumps) are answered only when they fail and
     * count as applied once a later request is acknowledged; the last request must ask for an ack or
     * be a dump.
     */
    void exchange(ByteBuffer requests, Replies replies) throws NetlinkException;

    /** Sends one request with NLM_F_ACK set and waits for its ack; an error ack is thrown. */
    default void execute(ByteBuffer request, String what) throws NetlinkException {
        int[] result = {0};
        String[] text = {""};
        exchange(request, (seq, errno, msg) -> {
            result[0] = errno;
            text[0] = msg;
        });
        if (result[0] != 0) {
            throw new NetlinkException(what, result[0], text[0]);
        }
    }

    /** Sends one request (a dump, or a query with NLM_F_ACK) and returns copies of all its replies. */
    default List<NlMessage> collect(ByteBuffer request, String what) throws NetlinkException {
        List<NlMessage> out = new ArrayList<>();
        int[] result = {0};
        String[] text = {""};
        exchange(request, new Replies() {
            @Override
            public void onMessage(NlMessage m) {
                out.add(m.copy());
            }

            @Override
            public void onDone(int seq, int errno, String msg) {
                result[0] = errno;
                text[0] = msg;
            }
        });
        if (result[0] != 0) {
            throw new NetlinkException(what, result[0], text[0]);
        }
        return out;
    }

    @Override
    void close();
}
