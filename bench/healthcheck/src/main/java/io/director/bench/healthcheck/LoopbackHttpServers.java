package io.director.bench.healthcheck;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The benchmark's real servers, in a process of their own: HTTP servers answering "ok" (keep-alive when
 * asked) on loopback addresses 127.0.{a/256}.{a%256+1} for a in [firstAddress, firstAddress + addresses),
 * each on ports [basePort, basePort + ports). Prints READY when every listener is bound.
 * Usage: LoopbackHttpServers FIRST_ADDRESS ADDRESSES BASE_PORT PORTS
 */
public final class LoopbackHttpServers {

    private LoopbackHttpServers() {}

    static InetAddress loopback(int index) throws Exception {
        return InetAddress.getByAddress(new byte[] {127, 0, (byte) (index / 250), (byte) (index % 250 + 1)});
    }

    public static void main(String[] args) throws Exception {
        int firstAddress = Integer.parseInt(args[0]);
        int addresses = Integer.parseInt(args[1]);
        int basePort = Integer.parseInt(args[2]);
        int ports = Integer.parseInt(args[3]);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        byte[] body = "ok".getBytes(StandardCharsets.US_ASCII);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(EpollServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 128)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1024),
                                new SimpleChannelInboundHandler<HttpRequest>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, HttpRequest request) {
                                        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                                                HttpResponseStatus.OK, Unpooled.wrappedBuffer(body));
                                        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
                                        boolean keepAlive = HttpUtil.isKeepAlive(request);
                                        HttpUtil.setKeepAlive(response, keepAlive);
                                        var write = ctx.writeAndFlush(response);
                                        if (!keepAlive) {
                                            write.addListener(ChannelFutureListener.CLOSE);
                                        }
                                    }

                                    @Override
                                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                        ctx.close();
                                    }
                                });
                    }
                });
        for (int a = firstAddress; a < firstAddress + addresses; a++) {
            InetAddress address = loopback(a);
            for (int p = basePort; p < basePort + ports; p++) {
                bootstrap.bind(new InetSocketAddress(address, p)).sync();
            }
        }
        System.out.println("READY");
        System.out.flush();
        System.in.read(); // runs until the benchmark closes our stdin (or dies)
        group.shutdownGracefully();
    }
}
