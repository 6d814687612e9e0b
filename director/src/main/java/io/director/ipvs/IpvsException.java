package io.director.ipvs;

import io.director.sys.Errno;

/**
 * A refused IPVS request. The message names the object and the kernel's reason, e.g.
 * "add dest tcp 198.51.100.100:80 -> 198.51.100.11:80: EEXIST (destination already exists)",
 * with a hint where the errno alone would puzzle an operator (EPERM, IPVS not loaded, EINVAL).
 */
public class IpvsException extends Exception {
    private final int errno;

    public IpvsException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    public IpvsException(String message, int errno, Throwable cause) {
        super(message, cause);
        this.errno = errno;
    }

    /** The positive errno the kernel answered (0 if the failure was not the kernel's). */
    public int errno() {
        return errno;
    }

    /** "EEXIST", "ENOENT", ... */
    public String errnoName() {
        return Errno.name(errno);
    }

    /** An exception for {@code op} refused with {@code errno} (and the kernel's extended-ack text, if any). */
    public static IpvsException forOp(IpvsOp op, int errno, String kernelMessage) {
        return new IpvsException(IpvsOp.subject(op) + ": " + reason(op, errno, kernelMessage), errno);
    }

    /** An exception for a non-op request such as "flush" or "start master sync daemon". */
    public static IpvsException forRequest(String what, int errno, String kernelMessage) {
        return new IpvsException(what + ": " + reason(null, errno, kernelMessage), errno);
    }

    /** IPVS is not in the kernel: no "IPVS" generic netlink family. */
    public static IpvsException notLoaded(int errno) {
        return new IpvsException("IPVS is not available: the kernel has no IPVS generic netlink family"
                + " (load the ip_vs module: modprobe ip_vs)", errno);
    }

    static String reason(IpvsOp op, int errno, String kernelMessage) {
        String text = Errno.name(errno) + " (" + ipvsText(op, errno) + ")";
        if (kernelMessage != null && !kernelMessage.isEmpty()) {
            text += ": " + kernelMessage;
        }
        String hint = hint(op, errno);
        return hint.isEmpty() ? text : text + "; " + hint;
    }

    /** The kernel's IPVS meaning of an errno (as ipvsadm words it), else libc's text. */
    private static String ipvsText(IpvsOp op, int errno) {
        boolean dest = op instanceof IpvsOp.AddDest || op instanceof IpvsOp.EditDest || op instanceof IpvsOp.DeleteDest;
        if (errno == Errno.EEXIST.code()) {
            return dest ? "destination already exists" : "service already exists";
        }
        if (errno == Errno.ESRCH.code() && op != null) {
            return "no such service";
        }
        if (errno == Errno.ENOENT.code()) {
            if (dest) {
                return "no such destination";
            }
            if (op instanceof IpvsOp.AddService || op instanceof IpvsOp.EditService) {
                return "scheduler not found";
            }
        }
        if (errno == Errno.EPERM.code()) {
            return "permission denied";
        }
        String d = Errno.describe(errno);
        int p = d.indexOf('(');
        return p < 0 ? d : d.substring(p + 1, d.length() - 1);
    }

    private static String hint(IpvsOp op, int errno) {
        if (errno == Errno.EPERM.code()) {
            return "IPVS changes need CAP_NET_ADMIN (run as root)";
        }
        if (errno == Errno.ENOENT.code() && (op instanceof IpvsOp.AddService || op instanceof IpvsOp.EditService)) {
            return "is the scheduler's module (ip_vs_<name>) available?";
        }
        if (errno == Errno.EINVAL.code()) {
            if ((op instanceof IpvsOp.AddDest a && mixed(a.service(), a.dest()))
                    || (op instanceof IpvsOp.EditDest e && mixed(e.service(), e.dest()))) {
                return "the real server's address family differs from the service's"
                        + " (only TUN may mix families, and not while a sync daemon runs)";
            }
            if (op instanceof IpvsOp.AddDest || op instanceof IpvsOp.EditDest) {
                return "check weight and thresholds (lower must not exceed upper)";
            }
            if (op instanceof IpvsOp.AddService || op instanceof IpvsOp.EditService) {
                return "check flags, persistence timeout and netmask";
            }
        }
        return "";
    }

    private static boolean mixed(ServiceKey service, DestSpec dest) {
        return dest.key().family() != service.family();
    }
}
