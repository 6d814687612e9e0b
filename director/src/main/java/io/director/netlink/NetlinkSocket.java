package io.director.netlink;

import io.director.sys.Errno;
import io.director.sys.LibC;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jnr.ffi.byref.IntByReference;

/**
 * A netlink socket of any protocol (NETLINK_ROUTE, NETLINK_GENERIC, ...) with one reused receive
 * buffer. Requests carry sequence numbers from {@link #nextSeq()}; {@link #exchange} sends any number
 * of requests in one datagram and matches every reply and acknowledgement to its request by sequence
 * number, so a failing request does not hide the answers to the others. Not thread-safe: one owner.
 */
public final class NetlinkSocket implements NetlinkConnection {

    private static final int RECEIVE_BUFFER = 64 * 1024;

    private final LibC libc;
    private final int fd;
    private final int protocol;
    private final int portId;
    private final ByteBuffer rx = ByteBuffer.allocateDirect(RECEIVE_BUFFER).order(ByteOrder.nativeOrder());
    private int seq;
    private boolean closed;

    private NetlinkSocket(LibC libc, int fd, int protocol, int portId) {
        this.libc = libc;
        this.fd = fd;
        this.protocol = protocol;
        this.portId = portId;
        this.seq = (int) (System.nanoTime() & 0x3fffffff) | 1;
    }

    /** Opens and binds a socket of {@code protocol}; the kernel assigns the port id. */
    public static NetlinkSocket open(int protocol) throws NetlinkException {
        LibC libc = LibC.get();
        int fd = libc.socket(Netlink.AF_NETLINK, Netlink.SOCK_RAW | Netlink.SOCK_CLOEXEC, protocol);
        if (fd < 0) {
            throw new NetlinkException("netlink socket (protocol " + protocol + ")", LibC.errno());
        }
        try {
            ByteBuffer addr = sockaddr(0);
            if (libc.bind(fd, addr, 12) < 0) {
                throw new NetlinkException("bind netlink socket", LibC.errno());
            }
            ByteBuffer got = ByteBuffer.allocateDirect(12).order(ByteOrder.nativeOrder());
            IntByReference len = new IntByReference(12);
            if (libc.getsockname(fd, got, len) < 0) {
                throw new NetlinkException("getsockname on netlink socket", LibC.errno());
            }
            NetlinkSocket s = new NetlinkSocket(libc, fd, protocol, got.getInt(4));
            // Best effort: extended acks name the bad attribute; capped acks keep errors small.
            s.trySetInt(Netlink.SOL_NETLINK, Netlink.NETLINK_EXT_ACK, 1);
            s.trySetInt(Netlink.SOL_NETLINK, Netlink.NETLINK_CAP_ACK, 1);
            s.setReceiveTimeout(30_000);
            return s;
        } catch (NetlinkException e) {
            libc.close(fd);
            throw e;
        }
    }

    private static ByteBuffer sockaddr(int pid) {
        ByteBuffer a = ByteBuffer.allocateDirect(12).order(ByteOrder.nativeOrder());
        a.putShort(0, (short) Netlink.AF_NETLINK).putShort(2, (short) 0).putInt(4, pid).putInt(8, 0);
        return a;
    }

    public int protocol() {
        return protocol;
    }

    /** The port id the kernel gave this socket. */
    public int portId() {
        return portId;
    }

    @Override
    public int nextSeq() {
        seq++;
        if (seq == 0) {
            seq = 1;
        }
        return seq;
    }

    /** Sets an integer socket option; false if the kernel refused. */
    public boolean trySetInt(int level, int option, int value) {
        ByteBuffer v = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).putInt(0, value);
        return libc.setsockopt(fd, level, option, v, 4) == 0;
    }

    /** Grows the kernel's receive buffer so many acknowledgements can queue (forced when privileged). */
    public void setReceiveBuffer(int bytes) {
        if (!trySetInt(Netlink.SOL_SOCKET, Netlink.SO_RCVBUFFORCE, bytes)) {
            trySetInt(Netlink.SOL_SOCKET, Netlink.SO_RCVBUF, bytes);
        }
    }

    /** Grows the send buffer, which bounds the size of one datagram of requests. */
    public void setSendBuffer(int bytes) {
        if (!trySetInt(Netlink.SOL_SOCKET, Netlink.SO_SNDBUFFORCE, bytes)) {
            trySetInt(Netlink.SOL_SOCKET, Netlink.SO_SNDBUF, bytes);
        }
    }

    /** Receives give up with ETIMEDOUT after this long without a datagram. */
    public void setReceiveTimeout(long millis) {
        ByteBuffer tv = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
        tv.putLong(0, millis / 1000).putLong(8, (millis % 1000) * 1000);
        libc.setsockopt(fd, Netlink.SOL_SOCKET, Netlink.SO_RCVTIMEO, tv, 16);
    }

    /** Sends the bytes from position to limit as one datagram. */
    public void send(ByteBuffer messages) throws NetlinkException {
        ensureOpen();
        ByteBuffer b = messages.isDirect() ? messages : copyDirect(messages);
        int len = b.remaining();
        ByteBuffer from = b.position() == 0 ? b : b.slice();
        long n;
        do {
            n = libc.send(fd, from, len, 0);
        } while (n < 0 && LibC.errno() == Errno.EINTR.code());
        if (n < 0) {
            throw new NetlinkException("netlink send", LibC.errno());
        }
        if (n != len) {
            throw new NetlinkException("netlink send: short write " + n + " of " + len, Errno.EIO.code());
        }
    }

    private static ByteBuffer copyDirect(ByteBuffer b) {
        ByteBuffer d = ByteBuffer.allocateDirect(b.remaining());
        d.put(b.duplicate()).flip();
        return d;
    }

    /** Receives one datagram into the reused buffer; the view is valid until the next receive. */
    public ByteBuffer receive() throws NetlinkException {
        ensureOpen();
        rx.clear();
        long n;
        do {
            n = libc.recv(fd, rx, rx.capacity(), 0);
        } while (n < 0 && LibC.errno() == Errno.EINTR.code());
        if (n < 0) {
            int e = LibC.errno();
            if (e == Errno.EAGAIN.code()) {
                throw new NetlinkException("netlink receive timed out", Errno.ETIMEDOUT.code());
            }
            throw new NetlinkException("netlink receive", e);
        }
        return rx.duplicate().position(0).limit((int) n).order(ByteOrder.nativeOrder());
    }

    /** {@inheritDoc} Messages for other sequence numbers (stale answers, events) are skipped. */
    @Override
    public void exchange(ByteBuffer requests, Replies replies) throws NetlinkException {
        Exchange exchange = new Exchange(requests);
        send(requests);
        while (!exchange.finished()) {
            exchange.dispatch(receive(), replies);
        }
    }

    private void ensureOpen() throws NetlinkException {
        if (closed) {
            throw new NetlinkException("netlink socket closed", Errno.EBADF.code());
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            libc.close(fd);
        }
    }
}
