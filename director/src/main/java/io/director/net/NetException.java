package io.director.net;

import io.director.sys.Errno;

/**
 * A kernel operation on addresses, links or packet sockets failed. The message names the object and
 * the kernel's reason (errno name and text), with a hint for missing privileges.
 */
public class NetException extends Exception {
    private final String errnoName;

    public NetException(String message) {
        super(message);
        this.errnoName = null;
    }

    public NetException(String message, Throwable cause) {
        super(message, cause);
        this.errnoName = null;
    }

    private NetException(String message, String errnoName) {
        super(message);
        this.errnoName = errnoName;
    }

    /** From a positive errno as the kernel or libc gave it, with the kernel's extended-ack text if any. */
    public static NetException fromErrno(String what, int errno, String kernelMessage) {
        String name = Errno.name(errno);
        String text = name.startsWith("E") ? Errno.valueOf(name).text() : "unknown error";
        if (kernelMessage != null && !kernelMessage.isEmpty()) {
            text += ": " + kernelMessage;
        }
        return fromErrno(what, name, text);
    }

    /**
     * {@code what}: the object and operation, e.g. "add 198.51.100.100/32 on lo".
     * {@code errnoName}/{@code errnoText}: the kernel's reason, e.g. "EEXIST", "File exists".
     */
    public static NetException fromErrno(String what, String errnoName, String errnoText) {
        StringBuilder msg = new StringBuilder(what).append(": ").append(errnoName).append(" (").append(errnoText).append(")");
        if ("EPERM".equals(errnoName) || "EACCES".equals(errnoName)) {
            msg.append("; this needs root or CAP_NET_ADMIN (addresses) and CAP_NET_RAW (announcements)");
        }
        return new NetException(msg.toString(), errnoName);
    }

    /** The errno name the kernel gave (e.g. "EEXIST"), or null if the failure was not a kernel error. */
    public String errnoName() {
        return errnoName;
    }
}
