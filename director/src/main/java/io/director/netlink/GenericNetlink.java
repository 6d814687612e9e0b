package io.director.netlink;

import io.director.sys.Errno;
import java.util.List;

/** Generic-netlink constants ({@code include/uapi/linux/genetlink.h}) and the family lookup. */
public final class GenericNetlink {
    private GenericNetlink() {}

    public static final int GENL_HDRLEN = 4;
    public static final int GENL_ID_CTRL = 0x10;
    public static final int CTRL_CMD_GETFAMILY = 3;
    public static final int CTRL_CMD_NEWFAMILY = 1;
    public static final int CTRL_ATTR_FAMILY_ID = 1;
    public static final int CTRL_ATTR_FAMILY_NAME = 2;
    public static final int CTRL_ATTR_VERSION = 3;

    /** Writes a CTRL_CMD_GETFAMILY request for {@code name} (with NLM_F_ACK). */
    public static void writeFamilyRequest(NlWriter w, String name, int seq) {
        int m = w.beginMessage(GENL_ID_CTRL, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, seq);
        w.genlHeader(CTRL_CMD_GETFAMILY, 1);
        w.putString(CTRL_ATTR_FAMILY_NAME, name);
        w.endMessage(m);
    }

    /**
     * The id of generic-netlink family {@code name}. A family that is not registered (its module
     * is not loaded) fails with ENOENT.
     */
    public static int resolveFamily(NetlinkConnection socket, String name) throws NetlinkException {
        NlWriter w = new NlWriter(128);
        writeFamilyRequest(w, name, socket.nextSeq());
        List<NlMessage> replies = socket.collect(w.messages(), "generic netlink family " + name);
        for (NlMessage m : replies) {
            if (m.type() == GENL_ID_CTRL) {
                NlAttributes a = m.attributes(GENL_HDRLEN);
                if (a.has(CTRL_ATTR_FAMILY_ID)) {
                    return a.u16(CTRL_ATTR_FAMILY_ID);
                }
            }
        }
        throw new NetlinkException("generic netlink family " + name + ": no family id in reply", Errno.ENOENT.code());
    }
}
