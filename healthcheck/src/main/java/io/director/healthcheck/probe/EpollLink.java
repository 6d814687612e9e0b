package io.director.healthcheck.probe;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.IoEvent;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoRegistration;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.epoll.EpollIoEvent;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.unix.Socket;
import io.netty.util.concurrent.Ticker;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.Optional;

/**
 * A plain TCP connection for one check, made on a check loop's epoll handler without a Netty socket channel:
 * a non-blocking socket registered with the loop's epoll directly, its bytes carried to and from the check's
 * handlers (the HTTP codec and the exchange), which run in this {@link EmbeddedChannel} as they would in a
 * socket channel's pipeline.
 *
 * <p>Why: per connection, Netty's socket channel makes about ten system calls besides the ones a check needs
 * (its id reads the clock twice, it reads the socket's local and peer addresses and options, and it changes
 * the epoll interest set four times). On a kernel without a vDSO, or under User-Mode Linux, each is costly.
 * This link makes only socket (and getsockname: Netty's socket learns its family), connect, one epoll_ctl
 * (edge-triggered, for reading and writing at once), getsockopt for the connect's result, send, recv and close.
 *
 * <p>All of it runs on the loop's thread. Closing the channel closes the socket, which also leaves epoll.
 */
final class EpollLink extends EmbeddedChannel {

    /**
     * The system property that, set to {@code false}, makes checks use Netty socket channels instead: the way
     * back should a link ever misjudge a real server, and the baseline its benchmark compares against.
     */
    static final String PROPERTY = "director.healthcheck.links";

    private static final EpollIoOps INTEREST = EpollIoOps.EPOLLIN.with(EpollIoOps.EPOLLOUT)
            .with(EpollIoOps.EPOLLRDHUP).with(EpollIoOps.EPOLLET);
    private static final int BUFFER_SIZE = 16 * 1024;
    /**
     * One native buffer per loop thread for what links read and send: a link's bytes pass through it and are
     * copied out before any handler runs, so links on one loop can share it.
     */
    private static final ThreadLocal<ByteBuffer> BUFFERS = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(BUFFER_SIZE));

    /** Null only if the socket could not be made. */
    private TcpSocket socket;
    private final ChannelPromise connected;
    private IoRegistration registration;
    private boolean isConnected;
    /** Bytes the socket did not take yet. */
    private ByteBuf unsent = Unpooled.EMPTY_BUFFER;

    private EpollLink(ChannelHandler... handlers) {
        // Registered by open (the handlers would run before the fields are set); a frozen clock: nothing
        // here schedules, and the embedded loop would otherwise read the system clock on every operation.
        super(EmbeddedChannel.builder().register(false).ticker(Ticker.newMockTicker()).handlers(handlers));
        this.connected = newPromise();
    }

    /** True when links are not switched off and {@code loop} runs on epoll, so that links can be registered with it. */
    static boolean supported(IoEventLoop loop) {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim()) && loop.isCompatible(Handle.class);
    }

    /**
     * Opens a connection to {@code remote} from {@code local} (when given) on {@code loop}, its protocol in
     * {@code handlers}. Their channelActive follows the connection's. {@link #connectFuture()} says when and
     * whether it was made; a connection that cannot even start (no socket, a bind refused) fails it at once.
     */
    static EpollLink open(IoEventLoop loop, InetSocketAddress remote, Optional<SocketAddress> local, ChannelHandler... handlers) {
        if (!loop.inEventLoop()) {
            throw new IllegalStateException("links are opened on their loop's thread");
        }
        EpollLink link = new EpollLink(handlers);
        try {
            link.register(); // the handlers join the pipeline (not active yet), and the futures get their loop
            TcpSocket socket = TcpSocket.open(remote.getAddress() instanceof Inet6Address);
            link.socket = socket;
            if (local.isPresent()) {
                socket.bind(local.get());
            }
            // on the loop's own thread registering completes at once
            link.registration = loop.register(link.new Handle()).sync().getNow();
            link.registration.submit(INTEREST);
            if (socket.connect(remote)) {
                link.connectionMade();
            }
        } catch (Exception e) {
            link.connected.tryFailure(e);
            link.close();
        }
        return link;
    }

    /** Completes when the connection is made, or fails with why it could not be. */
    ChannelFuture connectFuture() {
        return connected;
    }

    private void connectionMade() throws IOException {
        isConnected = true;
        connected.trySuccess();
        pipeline().fireChannelActive();
        sendUnsent();
    }

    /** Active once connected, as a socket channel: the handlers' channelActive means the connection is up. */
    @Override
    public boolean isActive() {
        return isConnected && super.isActive();
    }

    @Override
    protected void doWrite(ChannelOutboundBuffer in) throws Exception {
        for (Object msg = in.current(); msg != null; msg = in.current()) {
            if (msg instanceof ByteBuf bytes && bytes.isReadable()) {
                unsent = unsent.isReadable() ? Unpooled.wrappedBuffer(unsent, bytes.retain()) : bytes.retain();
            }
            in.remove();
        }
        if (isConnected) {
            sendUnsent();
        }
    }

    /** Sends what the socket takes; the rest waits for the socket's next writable edge. */
    private void sendUnsent() throws IOException {
        ByteBuffer direct = BUFFERS.get();
        while (unsent.isReadable()) {
            int length = Math.min(unsent.readableBytes(), direct.capacity());
            direct.clear();
            unsent.getBytes(unsent.readerIndex(), direct.limit(length));
            int sent = socket.send(direct, 0, length);
            if (sent <= 0) {
                return;
            }
            unsent.skipBytes(sent);
        }
        unsent.release();
        unsent = Unpooled.EMPTY_BUFFER;
    }

    @Override
    protected void doClose() throws Exception {
        super.doClose();
        connected.tryFailure(new ClosedChannelException());
        unsent.release();
        unsent = Unpooled.EMPTY_BUFFER;
        if (socket != null && socket.isOpen()) {
            socket.close(); // before cancelling: a closed descriptor leaves epoll without an epoll_ctl
        }
        if (registration != null) {
            registration.cancel();
        }
    }

    private void onEvent(EpollIoOps ops) {
        if (!isOpen()) {
            return;
        }
        try {
            if (!isConnected) {
                if (!ops.contains(EpollIoOps.EPOLLOUT) && !ops.contains(EpollIoOps.EPOLLERR)) {
                    return;
                }
                socket.finishConnect(); // throws the connect's error (refused, unreachable)
                connectionMade();
            } else if (ops.contains(EpollIoOps.EPOLLOUT) && unsent.isReadable()) {
                sendUnsent();
            }
            boolean peerClosing = ops.contains(EpollIoOps.EPOLLRDHUP) || ops.contains(EpollIoOps.EPOLLERR);
            if (ops.contains(EpollIoOps.EPOLLIN) || peerClosing) {
                read(peerClosing);
            }
        } catch (IOException e) {
            if (!isConnected) {
                connected.tryFailure(e);
            } else {
                pipeline().fireExceptionCaught(e);
            }
            close();
        }
    }

    /**
     * Reads what has arrived into the pipeline. Edge-triggered: a read that fills the buffer may leave more;
     * one that does not has drained the socket, unless the peer also closed, which only a read to the end shows.
     */
    private void read(boolean peerClosing) throws IOException {
        ByteBuffer direct = BUFFERS.get();
        boolean readSome = false;
        try {
            while (isOpen()) {
                int n = socket.recv(direct, 0, direct.capacity());
                if (n < 0) {
                    close(); // the peer closed: the handlers see the channel go inactive, as on a socket channel
                    return;
                }
                if (n == 0) {
                    return;
                }
                readSome = true;
                ByteBuf bytes = Unpooled.buffer(n);
                bytes.writeBytes(direct.clear().limit(n));
                pipeline().fireChannelRead(bytes);
                if (n < direct.capacity() && !peerClosing) {
                    return;
                }
            }
        } finally {
            if (readSome) {
                pipeline().fireChannelReadComplete();
            }
        }
    }

    /** The link as epoll sees it. */
    private final class Handle implements EpollIoHandle {
        @Override
        public FileDescriptor fd() {
            return socket;
        }

        @Override
        public void handle(IoRegistration registration, IoEvent event) {
            onEvent(((EpollIoEvent) event).ops());
        }

        @Override
        public void close() {
            EpollLink.this.close(); // the loop is shutting down
        }
    }

    /** A non-blocking TCP socket of one address family (Netty's native socket, opened without a channel). */
    private static final class TcpSocket extends Socket {
        private TcpSocket(int fd) {
            super(fd);
        }

        static TcpSocket open(boolean ipv6) {
            return new TcpSocket(newSocketStream0(ipv6));
        }
    }
}
