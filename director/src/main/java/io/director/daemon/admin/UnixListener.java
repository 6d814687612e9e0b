package io.director.daemon.admin;

import io.director.sys.Errno;
import io.director.sys.LibC;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A listening AF_UNIX stream socket bound with libc. The JDK's Unix channels give no file
 * descriptor, and so no way to read the peer's pid (SO_PEERCRED); Director owns its descriptors here.
 */
final class UnixListener implements AutoCloseable {
    static final int AF_UNIX = 1;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final short POLLIN = 0x1;
    /** sizeof(sockaddr_un.sun_path), including the terminating NUL. */
    static final int SUN_PATH_MAX = 108;

    private final LibC libc = LibC.get();
    private final int fd;
    private volatile boolean closed;

    private UnixListener(int fd) {
        this.fd = fd;
    }

    /** Binds a new socket at {@code path} (which must not exist) and listens. */
    static UnixListener bind(Path path, int backlog) throws IOException {
        LibC libc = LibC.get();
        ByteBuffer addr = sockaddr(path);
        int fd = libc.socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new IOException("socket(AF_UNIX): " + Errno.describe(LibC.errno()));
        }
        if (libc.bind(fd, addr, addr.capacity()) < 0) {
            int err = LibC.errno();
            libc.close(fd);
            throw new IOException("bind " + path + ": " + Errno.describe(err));
        }
        if (libc.listen(fd, backlog) < 0) {
            int err = LibC.errno();
            libc.close(fd);
            throw new IOException("listen " + path + ": " + Errno.describe(err));
        }
        return new UnixListener(fd);
    }

    /** The next connection, or null when none arrived within {@code timeoutMillis} or the listener closed. */
    UnixConnection accept(int timeoutMillis) throws IOException {
        ByteBuffer pfd = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
        pfd.putInt(0, fd).putShort(4, POLLIN).putShort(6, (short) 0);
        int n = libc.poll(pfd, 1, timeoutMillis);
        if (closed) {
            return null;
        }
        if (n < 0) {
            int err = LibC.errno();
            if (err == Errno.EINTR.code()) {
                return null;
            }
            throw new IOException("poll: " + Errno.describe(err));
        }
        if (n == 0) {
            return null;
        }
        int c = libc.accept4(fd, null, null, SOCK_CLOEXEC);
        if (c < 0) {
            int err = LibC.errno();
            if (err == Errno.EAGAIN.code() || err == Errno.EINTR.code() || err == 103 /* ECONNABORTED */) {
                return null;
            }
            throw new IOException("accept: " + Errno.describe(err));
        }
        return new UnixConnection(c);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            libc.close(fd);
        }
    }

    /** struct sockaddr_un for {@code path}, sized to the path (family, bytes, NUL). */
    static ByteBuffer sockaddr(Path path) throws IOException {
        byte[] p = path.toString().getBytes(StandardCharsets.UTF_8);
        if (p.length + 1 > SUN_PATH_MAX) {
            throw new IOException("socket path is " + p.length + " bytes, longer than the kernel's limit of "
                    + (SUN_PATH_MAX - 1) + ": " + path);
        }
        ByteBuffer a = ByteBuffer.allocateDirect(2 + p.length + 1).order(ByteOrder.nativeOrder());
        a.putShort(0, (short) AF_UNIX);
        a.put(2, p);
        a.put(2 + p.length, (byte) 0);
        return a;
    }
}
