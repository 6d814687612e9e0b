package io.director.healthcheck.probe;

import io.director.config.model.TcpCheck;
import io.director.healthcheck.core.CheckOutcome;
import io.director.healthcheck.core.CheckTarget;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * TCP connect to one real server; optionally sends bytes and expects the reply to start with a prefix. On an
 * epoll loop the connection is an {@link EpollLink}; elsewhere a Netty socket channel.
 */
final class TcpProbe implements Probe {

    private final InetSocketAddress remote;
    private final Connector connector;
    private final Optional<byte[]> send;
    private final Optional<byte[]> expect;

    TcpProbe(CheckTarget target, TcpCheck check, EventLoop loop, NettyTransport transport, Optional<SocketAddress> local) {
        this.remote = new InetSocketAddress(target.address(), check.port().orElse(target.port()));
        this.connector = new Connector(loop, transport, remote, local, check.timing().timeout(), true);
        this.send = check.send().map(s -> s.getBytes(StandardCharsets.UTF_8));
        this.expect = check.expect().map(s -> s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Attempt start(Consumer<CheckOutcome> done) {
        Exchange exchange = new Exchange(done);
        ChannelFuture connect = connector.connect(exchange);
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                exchange.finish(CheckOutcome.failed(Failures.describe("connect " + remote, f.cause())));
            }
        });
        return () -> {
            exchange.done = null;
            connect.channel().close();
        };
    }

    @Override
    public void close() {
        // nothing is kept between attempts
    }

    /** One connection: connect, send, read just the expected prefix, close. */
    private final class Exchange extends ChannelInboundHandlerAdapter {
        private Consumer<CheckOutcome> done;
        private final byte[] received = new byte[expect.map(e -> e.length).orElse(0)];
        private int receivedLength;

        Exchange(Consumer<CheckOutcome> done) {
            this.done = done;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (send.isPresent()) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(send.get())).addListener(f -> {
                    if (!f.isSuccess()) {
                        fail(ctx, Failures.describe("send", f.cause()));
                    } else if (expect.isEmpty()) {
                        succeed(ctx, "connected, sent " + send.get().length + " bytes");
                    }
                });
            } else if (expect.isEmpty()) {
                succeed(ctx, "connected");
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (done == null || expect.isEmpty() || !(msg instanceof ByteBuf data)) {
                    return;
                }
                int take = Math.min(data.readableBytes(), received.length - receivedLength);
                data.getBytes(data.readerIndex(), received, receivedLength, take);
                receivedLength += take;
                if (receivedLength == received.length) {
                    if (Arrays.equals(received, expect.get())) {
                        succeed(ctx, "reply matches");
                    } else {
                        fail(ctx, "reply does not start with the expected " + received.length + " bytes");
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(ctx, Failures.describe("connection", cause));
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            finish(CheckOutcome.failed("connection closed after " + receivedLength + " of "
                    + received.length + " expected bytes"));
        }

        private void succeed(ChannelHandlerContext ctx, String detail) {
            finish(CheckOutcome.ok(detail));
            ctx.close();
        }

        private void fail(ChannelHandlerContext ctx, String reason) {
            finish(CheckOutcome.failed(reason));
            ctx.close();
        }

        void finish(CheckOutcome outcome) {
            Consumer<CheckOutcome> callback = done;
            done = null;
            if (callback != null) {
                callback.accept(outcome);
            }
        }
    }
}
