package io.director.sys;

import java.nio.ByteBuffer;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.byref.IntByReference;

/**
 * The few libc calls Director's kernel layer needs, bound with jnr-ffi. Buffers should be direct so
 * jnr-ffi passes them without copying. Every call saves errno; read it with {@link #errno()}.
 */
public interface LibC {

    @SaveError int socket(int domain, int type, int protocol);

    @SaveError int bind(int fd, @In ByteBuffer addr, int addrlen);

    @SaveError int getsockname(int fd, @Out ByteBuffer addr, @In @Out IntByReference addrlen);

    @SaveError long send(int fd, @In ByteBuffer buf, long len, int flags);

    @SaveError long sendto(int fd, @In ByteBuffer buf, long len, int flags, @In ByteBuffer addr, int addrlen);

    @SaveError long recv(int fd, @Out ByteBuffer buf, long len, int flags);

    @SaveError long recvfrom(int fd, @Out ByteBuffer buf, long len, int flags, @Out ByteBuffer addr,
                             @In @Out IntByReference addrlen);

    @SaveError int setsockopt(int fd, int level, int optname, @In ByteBuffer optval, int optlen);

    @SaveError int getsockopt(int fd, int level, int optname, @Out ByteBuffer optval, @In @Out IntByReference optlen);

    @SaveError int close(int fd);

    @SaveError int listen(int fd, int backlog);

    @SaveError int shutdown(int fd, int how);

    /** accept4(2) without the peer address (Director reads the peer with SO_PEERCRED instead). */
    @SaveError int accept4(int fd, Pointer addr, Pointer addrlen, int flags);

    /** poll(2) over an array of struct pollfd {int fd; short events; short revents;}. */
    @SaveError int poll(@In @Out ByteBuffer fds, long nfds, int timeoutMillis);

    String strerror(int errnum);

    /** The one loaded instance; loading jnr-ffi costs a second or more, so it happens once, lazily. */
    static LibC get() {
        return Holder.INSTANCE;
    }

    /** errno saved by the last {@link SaveError} call on this thread. */
    static int errno() {
        return Runtime.getRuntime(Holder.INSTANCE).getLastError();
    }

    /** Holds the lazily loaded binding. */
    final class Holder {
        private Holder() {}

        static final LibC INSTANCE = LibraryLoader.create(LibC.class).load("c");
    }
}
