package io.director.netlink;

import io.director.sys.Errno;
import java.io.IOException;

/** A failed netlink call: the positive errno the kernel (or libc) answered, and its extended-ack text if any. */
public class NetlinkException extends IOException {
    private final int errno;
    private final String kernelMessage;

    public NetlinkException(String what, int errno, String kernelMessage) {
        super(what + ": " + Errno.describe(errno)
                + (kernelMessage == null || kernelMessage.isEmpty() ? "" : ": " + kernelMessage));
        this.errno = errno;
        this.kernelMessage = kernelMessage == null ? "" : kernelMessage;
    }

    public NetlinkException(String what, int errno) {
        this(what, errno, null);
    }

    /** The positive errno, e.g. 17 for EEXIST. */
    public int errno() {
        return errno;
    }

    /** The kernel's extended-ack message, or "" when it sent none. */
    public String kernelMessage() {
        return kernelMessage;
    }
}
