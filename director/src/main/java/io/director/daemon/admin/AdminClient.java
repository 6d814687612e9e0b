package io.director.daemon.admin;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** Sends one {@link AdminRequest} to a daemon's admin socket and returns its answer. */
public final class AdminClient {
    private AdminClient() {}

    /**
     * Calls the daemon at {@code socket}; the whole exchange must finish within {@code timeout}.
     *
     * @throws AdminUnavailableException when no daemon answers there, with the reason in operator terms
     */
    public static AdminResponse call(Path socket, AdminRequest request, Duration timeout) throws IOException {
        byte[] line = AdminProtocol.encodeRequest(request);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (SocketChannel ch = connect(socket); Selector selector = Selector.open()) {
            ch.configureBlocking(false);
            ByteBuffer out = ByteBuffer.wrap(line);
            SelectionKey key = ch.register(selector, SelectionKey.OP_WRITE);
            while (out.hasRemaining()) {
                await(selector, deadline, socket, timeout);
                ch.write(out);
            }
            key.interestOps(SelectionKey.OP_READ);
            return readResponse(ch, selector, deadline, socket, timeout);
        }
    }

    private static SocketChannel connect(Path socket) throws IOException {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            throw new AdminUnavailableException("no director daemon at " + socket + ": no such socket");
        }
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return ch;
        } catch (IOException e) {
            ch.close();
            String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("permission denied")) {
                throw new AdminUnavailableException("permission denied: the admin socket is for root (uid 0); you are uid "
                        + currentUid() + " (" + socket + ")");
            }
            if (m.contains("connection refused")) {
                throw new AdminUnavailableException("no director daemon at " + socket + ": connection refused");
            }
            throw new AdminUnavailableException("no director daemon at " + socket + ": " + e.getMessage());
        }
    }

    private static AdminResponse readResponse(SocketChannel ch, Selector selector, long deadline, Path socket,
                                              Duration timeout) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(256);
        AdminProtocol.Header header = null;
        while (header == null) {
            await(selector, deadline, socket, timeout);
            int n = ch.read(head);
            int lf = indexOf(head.array(), head.position(), (byte) '\n');
            if (lf >= 0) {
                try {
                    header = AdminProtocol.decodeHeader(new String(head.array(), 0, lf, StandardCharsets.UTF_8));
                } catch (AdminProtocol.MalformedException e) {
                    throw new AdminUnavailableException(socket + ": " + e.getMessage());
                }
                head.flip().position(lf + 1);
            } else if (n < 0) {
                throw closedEarly(socket);
            } else if (!head.hasRemaining()) {
                throw new AdminUnavailableException(socket + " does not speak the director admin protocol");
            }
        }
        ByteBuffer body = ByteBuffer.allocate(header.bodyLength());
        head.limit(Math.min(head.limit(), head.position() + body.capacity()));
        body.put(head);
        while (body.hasRemaining()) {
            await(selector, deadline, socket, timeout);
            if (ch.read(body) < 0) {
                throw closedEarly(socket);
            }
        }
        return new AdminResponse(header.exitCode(), new String(body.array(), StandardCharsets.UTF_8));
    }

    private static AdminUnavailableException closedEarly(Path socket) {
        return new AdminUnavailableException("director daemon at " + socket
                + " closed the connection before answering completely");
    }

    private static void await(Selector selector, long deadline, Path socket, Duration timeout) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0 || selector.select(Math.max(1, left / 1_000_000)) == 0 && System.nanoTime() >= deadline) {
            throw new AdminUnavailableException("director daemon at " + socket + " did not answer within "
                    + timeout.toMillis() + " ms");
        }
        selector.selectedKeys().clear();
    }

    private static int indexOf(byte[] a, int length, byte b) {
        for (int i = 0; i < length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static String currentUid() {
        try {
            return String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
