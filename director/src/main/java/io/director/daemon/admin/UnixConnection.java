package io.director.daemon.admin;

import io.director.sys.Errno;
import io.director.sys.LibC;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import jnr.ffi.byref.IntByReference;

/** One accepted admin connection: its peer's credentials, and timed reads and writes. */
final class UnixConnection implements AutoCloseable {
    private static final int SOL_SOCKET = 1;
    private static final int SO_PEERCRED = 17;
    private static final int SO_RCVTIMEO = 20;
    private static final int SO_SNDTIMEO = 21;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int SHUT_WR = 1;

    private final LibC libc = LibC.get();
    private final int fd;
    private boolean closed;

    UnixConnection(int fd) {
        this.fd = fd;
    }

    /** The connecting process's uid, gid and pid at connect time (struct ucred). */
    Peer peer() throws IOException {
        ByteBuffer cred = ByteBuffer.allocateDirect(12).order(ByteOrder.nativeOrder());
        IntByReference len = new IntByReference(12);
        if (libc.getsockopt(fd, SOL_SOCKET, SO_PEERCRED, cred, len) < 0) {
            throw new IOException("getsockopt(SO_PEERCRED): " + Errno.describe(LibC.errno()));
        }
        return new Peer(cred.getInt(4), cred.getInt(8), Integer.toUnsignedLong(cred.getInt(0)));
    }

    /** Bounds each blocking read and write, so a silent or stuck client frees its thread. */
    void timeouts(Duration d) throws IOException {
        ByteBuffer tv = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
        tv.putLong(0, d.toSeconds()).putLong(8, d.toMillisPart() * 1000L);
        for (int opt : new int[] {SO_RCVTIMEO, SO_SNDTIMEO}) {
            if (libc.setsockopt(fd, SOL_SOCKET, opt, tv, 16) < 0) {
                throw new IOException("setsockopt(timeout): " + Errno.describe(LibC.errno()));
            }
        }
    }

    /**
     * Reads up to the first LF and returns the bytes before it. Throws {@link LineTooLongException}
     * past {@code max} bytes, {@link SocketTimeoutException} when the client stays silent, and
     * {@link java.io.EOFException} when it closes first.
     */
    byte[] readLine(int max) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocateDirect(4096);
        while (true) {
            long n = libc.recv(fd, buf, buf.capacity(), 0);
            if (n < 0) {
                int err = LibC.errno();
                if (err == Errno.EINTR.code()) {
                    continue;
                }
                if (err == Errno.EAGAIN.code()) {
                    throw new SocketTimeoutException("client sent no complete request in time");
                }
                throw new IOException("recv: " + Errno.describe(err));
            }
            if (n == 0) {
                throw new java.io.EOFException("client closed the connection before a complete request");
            }
            for (int i = 0; i < n; i++) {
                byte b = buf.get(i);
                if (b == '\n') {
                    return line.toByteArray();
                }
                if (line.size() >= max) {
                    throw new LineTooLongException(max);
                }
                line.write(b);
            }
        }
    }

    void write(byte[] data) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(data.length).put(data).flip();
        int off = 0;
        while (off < data.length) {
            ByteBuffer slice = buf.duplicate().position(off).slice();
            long n = libc.send(fd, slice, data.length - off, MSG_NOSIGNAL);
            if (n < 0) {
                int err = LibC.errno();
                if (err == Errno.EINTR.code()) {
                    continue;
                }
                throw new IOException("send: " + (err == Errno.EAGAIN.code() ? "client stopped reading" : Errno.describe(err)));
            }
            off += (int) n;
        }
    }

    /**
     * Ends the answer and discards what the client still sends, up to {@code max} bytes or the
     * timeout: closing with unread input would reset the connection and lose the answer.
     */
    void finish(int max, Duration timeout) throws IOException {
        libc.shutdown(fd, SHUT_WR);
        timeouts(timeout);
        ByteBuffer buf = ByteBuffer.allocateDirect(8192);
        long total = 0;
        while (total < max) {
            long n = libc.recv(fd, buf, buf.capacity(), 0);
            if (n < 0 && LibC.errno() == Errno.EINTR.code()) {
                continue;
            }
            if (n <= 0) {
                return;
            }
            total += n;
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            libc.close(fd);
        }
    }

    /** A request line longer than the protocol allows. */
    static final class LineTooLongException extends IOException {
        LineTooLongException(int max) {
            super("request longer than " + max + " bytes");
        }
    }
}
