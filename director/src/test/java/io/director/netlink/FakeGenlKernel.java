package io.director.netlink;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A generic-netlink kernel faked at the message level (after Go's genltest): it answers the
 * nlctrl family lookup itself, records every other request, and lets a {@link Handler} write the
 * replies. Requests and answers go through the same encoding and dispatch code as the real socket.
 */
public final class FakeGenlKernel implements NetlinkConnection {

    /** Answers one request: writes reply messages (with the request's seq) and returns an errno (0 = ok). */
    public interface Handler {
        int handle(NlMessage request, NlWriter replies);
    }

    private final Map<String, Integer> families = new HashMap<>();
    private final List<NlMessage> requests = new ArrayList<>();
    private final List<Integer> datagramSizes = new ArrayList<>();
    private Handler handler = (req, out) -> 0;
    private int seq = 100;
    private boolean closed;

    /** Registers family {@code name} with {@code id}. */
    public FakeGenlKernel family(String name, int id) {
        families.put(name, id);
        return this;
    }

    public FakeGenlKernel handler(Handler h) {
        this.handler = h;
        return this;
    }

    /** Every request except family lookups, in order, copied. */
    public List<NlMessage> requests() {
        return requests;
    }

    /** The number of messages in each datagram sent, in order (family lookups included). */
    public List<Integer> datagramSizes() {
        return datagramSizes;
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public int nextSeq() {
        return ++seq;
    }

    @Override
    public void exchange(ByteBuffer requestBytes, Replies replies) throws NetlinkException {
        Exchange exchange = new Exchange(requestBytes);
        NlWriter out = new NlWriter();
        List<NlMessage> msgs = NlMessage.parseAll(requestBytes);
        datagramSizes.add(msgs.size());
        for (NlMessage req : msgs) {
            int errno;
            if (req.type() == GenericNetlink.GENL_ID_CTRL) {
                errno = lookup(req, out);
            } else {
                requests.add(req.copy());
                errno = handler.handle(req.copy(), out);
            }
            boolean dump = (req.flags() & Netlink.NLM_F_DUMP) == Netlink.NLM_F_DUMP;
            if (dump && errno == 0) {
                int m = out.beginMessage(Netlink.NLMSG_DONE, Netlink.NLM_F_MULTI, req.seq());
                out.writeU32(0);
                out.endMessage(m);
            } else if (errno != 0 || (req.flags() & Netlink.NLM_F_ACK) != 0) {
                // like the kernel with NETLINK_CAP_ACK: error code and the request's header only
                int m = out.beginMessage(Netlink.NLMSG_ERROR, Netlink.NLM_F_CAPPED, req.seq());
                out.writeU32(-errno);
                out.writeU32(Netlink.NLMSG_HDRLEN + req.payload().remaining()).writeU16(req.type())
                        .writeU16(req.flags()).writeU32(req.seq()).writeU32(req.pid());
                out.endMessage(m);
            }
        }
        exchange.dispatch(out.messages(), replies);
        if (!exchange.finished()) {
            throw new AssertionError("fake kernel left requests unanswered");
        }
    }

    private int lookup(NlMessage req, NlWriter out) {
        String name = req.attributes(GenericNetlink.GENL_HDRLEN).string(GenericNetlink.CTRL_ATTR_FAMILY_NAME);
        Integer id = families.get(name);
        if (id == null) {
            return 2; // ENOENT, as the kernel answers for an unregistered family
        }
        int m = out.beginMessage(GenericNetlink.GENL_ID_CTRL, 0, req.seq());
        out.genlHeader(GenericNetlink.CTRL_CMD_NEWFAMILY, 2);
        out.putString(GenericNetlink.CTRL_ATTR_FAMILY_NAME, name);
        out.putU16(GenericNetlink.CTRL_ATTR_FAMILY_ID, id);
        out.endMessage(m);
        return 0;
    }

    @Override
    public void close() {
        closed = true;
    }
}
