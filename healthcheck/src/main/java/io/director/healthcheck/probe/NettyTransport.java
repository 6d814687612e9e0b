package io.director.healthcheck.probe;

import io.netty.channel.ChannelFactory;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringIoHandlerConfig;
import io.netty.channel.uring.IoUringSocketChannel;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.channels.spi.SelectorProvider;
import java.util.Locale;

/**
 * The Netty transport checks run on: native epoll by default, else the JDK's NIO; io_uring when asked for.
 *
 * <p>Why io_uring is offered: a check is a handful of socket operations, and over a Netty socket channel on
 * epoll each is its own system call plus the channel's bookkeeping around it (about 17-19 per check with a
 * new connection). io_uring submits connect, send, receive and close through the ring, many checks per
 * {@code io_uring_enter} (about 6 per check). Why it is not the default: Netty's io_uring transport is young,
 * one of its modes misjudged a reset (below), and on epoll plain HTTP and TCP checks go over an
 * {@link EpollLink}, which needs about 8 system calls per check without the ring.
 *
 * <p>The system property {@value #PROPERTY} ({@code epoll}, {@code io_uring} or {@code nio}) asks for a
 * transport; one the kernel does not offer falls back to epoll, then NIO.
 */
public enum NettyTransport {
    IO_URING, EPOLL, NIO;

    public static final String PROPERTY = "director.healthcheck.transport";

    /**
     * Netty's multishot POLLIN sometimes misses a reset that follows a partial response (the check then ends
     * by its timeout, not as "connection reset": 9 of 40 in a loop of AdversarialServersTest's case); with
     * one-shot polls it never did (40 of 40). A one-shot poll is re-armed through the ring: no system call.
     */
    private static final String MULTISHOT_POLL = "io.netty.iouring.pollAddMultishotEnabled";

    /** Submission ring entries: a burst of due checks is submitted in one system call. */
    private static final int RING_SIZE = 1024;
    /** Completion ring entries: room for every completion of a busy loop iteration without overflow. */
    private static final int COMPLETION_RING_SIZE = 16384;

    /** The transport for this process: the one {@value #PROPERTY} asks for, or the best available. */
    public static NettyTransport chosen() {
        return choose(System.getProperty(PROPERTY));
    }

    /**
     * @throws IllegalArgumentException when {@code requested} names no transport
     */
    static NettyTransport choose(String requested) {
        NettyTransport wanted = EPOLL;
        if (requested != null && !requested.isBlank()) {
            try {
                wanted = valueOf(requested.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PROPERTY + " must be io_uring, epoll or nio, got '" + requested + "'");
            }
        }
        if (wanted == IO_URING && System.getProperty(MULTISHOT_POLL) == null) {
            System.setProperty(MULTISHOT_POLL, "false"); // read once, when Netty's io_uring classes load
        }
        if (wanted == IO_URING && IoUring.isAvailable()) {
            return IO_URING;
        }
        if (wanted != NIO && Epoll.isAvailable()) {
            return EPOLL;
        }
        return NIO;
    }

    public IoHandlerFactory ioHandlerFactory() {
        return switch (this) {
            case IO_URING -> IoUringIoHandler.newFactory(
                    new IoUringIoHandlerConfig().setRingSize(RING_SIZE).setCqSize(COMPLETION_RING_SIZE));
            case EPOLL -> EpollIoHandler.newFactory();
            case NIO -> NioIoHandler.newFactory();
        };
    }

    /**
     * Makes client sockets for connections to {@code remote}: of its address family where the transport lets us
     * choose (a dual-stack socket costs an extra {@code setsockopt} per connection).
     */
    public ChannelFactory<SocketChannel> socketChannels(InetAddress remote) {
        SocketProtocolFamily family = remote instanceof Inet6Address ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET;
        return switch (this) {
            case IO_URING -> IoUringSocketChannel::new;
            case EPOLL -> () -> new EpollSocketChannel(family);
            case NIO -> () -> new NioSocketChannel(SelectorProvider.provider(), family);
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
