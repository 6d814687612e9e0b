package io.director.daemon.admin;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's admin socket: a root-only (mode 0600, peer uid checked) Unix socket that answers one
 * {@link AdminRequest} per connection through an {@link AdminHandler}. Each connection is served on
 * its own thread, so a handler that blocks (a failover waiting for the handover) holds up no one else.
 *
 * <p>One daemon per socket: {@code PATH.lock} is held while the server runs, and a socket a live
 * daemon answers on is never replaced; a stale one left by a crashed daemon is.
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    private static final int MAX_CLIENTS = 16;
    private static final int ACCEPT_POLL_MILLIS = 200;
    private static final int DRAIN_BYTES = 1 << 20;

    private final Path socket;
    private final AdminHandler handler;
    private final int allowedUid;
    private final Duration ioTimeout;
    private final AtomicInteger threadCount = new AtomicInteger();
    private final ThreadPoolExecutor workers;
    private FileChannel lockFile;
    private FileLock lock;
    private UnixListener listener;
    private Thread acceptor;
    private volatile boolean closed;

    /** A root-only server at {@code socket}. */
    public AdminServer(Path socket, AdminHandler handler) {
        this(socket, handler, 0, Duration.ofSeconds(5));
    }

    /**
     * A server that admits only peers of {@code allowedUid} and gives a client {@code ioTimeout} to
     * send its request and to read the answer.
     */
    public AdminServer(Path socket, AdminHandler handler, int allowedUid, Duration ioTimeout) {
        this.socket = socket.toAbsolutePath().normalize();
        this.handler = Objects.requireNonNull(handler, "handler");
        this.allowedUid = allowedUid;
        this.ioTimeout = ioTimeout;
        this.workers = new ThreadPoolExecutor(0, MAX_CLIENTS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "director-admin-" + threadCount.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public Path socket() {
        return socket;
    }

    /**
     * Creates the socket's directory (0755) if needed, takes the lock, replaces a stale socket, and
     * starts answering. Throws with a clear message when another daemon owns the socket.
     */
    public synchronized void start() throws IOException {
        if (listener != null || closed) {
            throw new IllegalStateException("admin server already started or closed");
        }
        Path dir = socket.getParent();
        Path temp = dir.resolve("." + socket.getFileName() + "." + ProcessHandle.current().pid() + ".new");
        UnixListener.sockaddr(temp); // fails early, with the kernel's limit, when the path is too long
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        lock();
        try {
            clearStale();
            Files.deleteIfExists(temp);
            UnixListener l = UnixListener.bind(temp, 64);
            try {
                // Bound under a private name, narrowed to 0600, then renamed into place: the socket
                // is never reachable with the umask's wider mode.
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
                Files.move(temp, socket, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException | RuntimeException e) {
                l.close();
                Files.deleteIfExists(temp);
                throw e;
            }
            listener = l;
        } catch (IOException | RuntimeException e) {
            unlock();
            throw e;
        }
        acceptor = new Thread(this::acceptLoop, "director-admin-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("admin socket listening on {} (uid {} only)", socket, allowedUid);
    }

    private void lock() throws IOException {
        Path lockPath = socket.resolveSibling(socket.getFileName() + ".lock");
        lockFile = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            lock = lockFile.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockFile.close();
            lockFile = null;
            throw new IOException("another director daemon is running on " + socket + " (it holds " + lockPath + ")");
        }
        lockFile.truncate(0).write(StandardCharsets.US_ASCII.encode(ProcessHandle.current().pid() + "\n"));
    }

    private void unlock() {
        try {
            if (lockFile != null) {
                lockFile.close(); // releases the lock
            }
        } catch (IOException e) {
            LOG.warn("closing the admin socket lock: {}", e.getMessage());
        }
        lockFile = null;
        lock = null;
    }

    /** Removes a socket no daemon answers on; refuses to touch a live one or a file that is no socket. */
    private void clearStale() throws IOException {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        PosixFileAttributes a = Files.readAttributes(socket, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isOther()) {
            throw new IOException(socket + " exists and is not a socket; move it away or choose another admin.socket");
        }
        String why = whyNotAnswering(socket);
        if (why == null) {
            throw new IOException("another director daemon is answering on " + socket);
        }
        LOG.info("replacing stale admin socket {} ({})", socket, why);
        Files.delete(socket);
    }

    /** Null when something accepts connections at {@code path}, else why not. */
    private static String whyNotAnswering(Path path) {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(path));
            return null;
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            UnixConnection c;
            try {
                c = listener.accept(ACCEPT_POLL_MILLIS);
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("admin socket accept failed: {}", e.getMessage());
                    pause();
                }
                continue;
            }
            if (c == null) {
                continue;
            }
            try {
                workers.execute(() -> serve(c));
            } catch (RejectedExecutionException e) {
                refuseBusy(c);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(ACCEPT_POLL_MILLIS); // a failing accept (EMFILE) must not spin a core
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void refuseBusy(UnixConnection c) {
        try (c) {
            c.timeouts(Duration.ofMillis(500));
            c.write(AdminProtocol.encodeResponse(AdminResponse.failed(
                    "busy: " + MAX_CLIENTS + " admin requests are already running; try again\n")));
            c.finish(AdminProtocol.MAX_REQUEST_BYTES, Duration.ofMillis(200));
        } catch (IOException e) {
            LOG.debug("admin busy reply not delivered: {}", e.getMessage());
        }
    }

    private void serve(UnixConnection c) {
        try (c) {
            c.timeouts(ioTimeout);
            Peer peer = c.peer();
            c.write(AdminProtocol.encodeResponse(answer(c, peer)));
            c.finish(DRAIN_BYTES, Duration.ofSeconds(1));
        } catch (IOException e) {
            LOG.debug("admin connection ended: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("admin connection failed", e);
        }
    }

    private AdminResponse answer(UnixConnection c, Peer peer) throws IOException {
        if (peer.uid() != allowedUid) {
            LOG.warn("admin connection refused: {} is not uid {}", peer, allowedUid);
            String owner = allowedUid == 0 ? "root (uid 0)" : "uid " + allowedUid;
            return AdminResponse.failed("permission denied: the admin socket is for " + owner
                    + "; you are uid " + peer.uid() + "\n");
        }
        AdminRequest request;
        try {
            request = AdminProtocol.decodeRequest(c.readLine(AdminProtocol.MAX_REQUEST_BYTES));
        } catch (AdminProtocol.MalformedException | UnixConnection.LineTooLongException e) {
            LOG.warn("malformed admin request from {}: {}", peer, e.getMessage());
            return AdminResponse.badRequest("malformed request: " + e.getMessage() + "\n");
        } catch (SocketTimeoutException | EOFException e) {
            LOG.debug("admin request from {} incomplete: {}", peer, e.getMessage());
            return AdminResponse.badRequest("malformed request: " + e.getMessage() + "\n");
        }
        if (request.changesState()) {
            LOG.info("admin {} {} requested by {}", request.command(), request.args(), peer);
        }
        AdminResponse response;
        try {
            response = handler.handle(request, peer);
            if (response == null) {
                response = AdminResponse.failed("internal error: no answer to " + request.command() + "\n");
            }
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            LOG.warn("admin {} failed", request.command(), e);
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            response = AdminResponse.failed(request.command() + " failed: " + why + "\n");
        }
        if (request.changesState()) {
            LOG.info("admin {} {} by {} exited {}", request.command(), request.args(), peer, response.exitCode());
        }
        return response;
    }

    /** Stops answering, removes the socket and releases the lock; running handlers get two seconds. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (acceptor != null) {
            try {
                acceptor.join(2 * ACCEPT_POLL_MILLIS + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (listener != null) {
            listener.close();
            try {
                Files.deleteIfExists(socket);
            } catch (IOException e) {
                LOG.warn("removing {}: {}", socket, e.getMessage());
            }
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(2, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        unlock();
    }
}
