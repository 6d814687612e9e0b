package io.director.healthcheck.probe;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.IoEventLoop;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * Opens a probe's connections to one real server: as {@link EpollLink}s where the loop runs on epoll (and
 * links are not switched off), else as Netty socket channels. Either way the future's channel carries the
 * handler, and fails with why the connection could not be made.
 */
final class Connector {

    private final EventLoop loop;
    /** Null: socket channels. */
    private final IoEventLoop linkLoop;
    private final ChannelFactory<SocketChannel> channels;
    private final InetSocketAddress remote;
    private final Optional<SocketAddress> local;
    private final int connectTimeoutMillis;

    /** {@code linksAllowed}: false when the handler needs a socket channel (TLS). */
    Connector(EventLoop loop, NettyTransport transport, InetSocketAddress remote, Optional<SocketAddress> local,
            Duration timeout, boolean linksAllowed) {
        this.loop = loop;
        this.linkLoop = linksAllowed && loop instanceof IoEventLoop io && EpollLink.supported(io) ? io : null;
        this.channels = transport.socketChannels(remote.getAddress());
        this.remote = remote;
        this.local = local;
        this.connectTimeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    /** Starts a connection whose pipeline is {@code handler}; called on the loop. */
    ChannelFuture connect(ChannelHandler handler) {
        if (linkLoop != null) {
            return EpollLink.open(linkLoop, remote, local, handler).connectFuture();
        }
        // TCP_NODELAY is already Netty's default for client sockets: setting it again costs a setsockopt per check.
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channelFactory(channels)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .handler(handler);
        return local.map(l -> bootstrap.connect(remote, l)).orElseGet(() -> bootstrap.connect(remote));
    }
}
