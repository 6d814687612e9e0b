package io.director.healthcheck.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.director.healthcheck.EngineHarness;
import io.director.healthcheck.TestServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.IoEventLoop;
import io.netty.channel.epoll.Epoll;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A link against real sockets on loopback, on a real epoll loop: what its handlers see, and when. */
class EpollLinkTest {

    private static final Duration DEADLINE = Duration.ofSeconds(5);

    private CheckLoops loops;
    private IoEventLoop loop;
    private TestServer server;

    @BeforeEach
    void startLoop() {
        assumeTrue(Epoll.isAvailable(), "links need epoll");
        loops = new CheckLoops(1, NettyTransport.EPOLL);
        loop = (IoEventLoop) loops.next();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (loops != null) {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    /** Records what reaches the end of the link's pipeline; writes {@code greeting} when active. */
    private static final class Recorder extends ChannelInboundHandlerAdapter {
        final List<String> events = new CopyOnWriteArrayList<>();
        final StringBuilder received = new StringBuilder();
        final CountDownLatch inactive = new CountDownLatch(1);
        private final String greeting;

        Recorder(String greeting) {
            this.greeting = greeting;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            events.add("active");
            if (greeting != null) {
                ctx.writeAndFlush(Unpooled.copiedBuffer(greeting, StandardCharsets.US_ASCII));
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf bytes = (ByteBuf) msg;
            synchronized (received) {
                received.append(bytes.toString(StandardCharsets.US_ASCII));
            }
            bytes.release();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            events.add("inactive");
            inactive.countDown();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            events.add("exception " + cause.getMessage());
        }

        String received() {
            synchronized (received) {
                return received.toString();
            }
        }
    }

    /**
     * Waits up to 5 s for {@code future}. Not {@code await}: a link's futures belong to its embedded loop, which
     * counts every thread as its own and so refuses to be waited on.
     */
    private static void awaitDone(Future<?> future) {
        EngineHarness.await("the link's future", DEADLINE, future::isDone);
    }

    private EpollLink open(int port, Recorder recorder) throws Exception {
        InetSocketAddress remote = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        return loop.submit(() -> EpollLink.open(loop, remote, Optional.empty(), recorder)).get(5, TimeUnit.SECONDS);
    }

    @Test
    void writesOnceConnectedAndHandsOnWhatComesBackUntilThePeerCloses() throws Exception {
        server = new TestServer(TestServer.respond(200, "pong"));
        Recorder recorder = new Recorder("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        EpollLink link = open(server.port(), recorder);

        awaitDone(link.connectFuture());
        assertThat(link.connectFuture().isSuccess()).isTrue();
        assertThat(recorder.inactive.await(5, TimeUnit.SECONDS)).as("the server closes after answering").isTrue();
        assertThat(recorder.received()).startsWith("HTTP/1.1 200 X").endsWith("\r\n\r\npong");
        assertThat(recorder.events).containsExactly("active", "inactive");
        assertThat(link.isOpen()).isFalse();
        assertThat(server.requests.get()).isEqualTo(1);
    }

    @Test
    void aRefusedConnectionFailsTheConnectAndNeverGoesActive() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Recorder recorder = new Recorder(null);
        EpollLink link = open(closedPort, recorder);

        awaitDone(link.connectFuture());
        assertThat(link.connectFuture().cause()).isInstanceOf(IOException.class);
        assertThat(link.connectFuture().cause().getMessage()).containsIgnoringCase("refused");
        assertThat(recorder.events).isEmpty();
        assertThat(link.isOpen()).isFalse();
    }

    @Test
    void aConnectionThatCannotStartFailsAtOnce() throws Exception {
        server = new TestServer(TestServer.respond(200, "pong"));
        Recorder recorder = new Recorder("GET / HTTP/1.1\r\n\r\n");
        InetSocketAddress remote = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
        // a source address this machine does not have: bind is refused
        Optional<SocketAddress> local = Optional.of(new InetSocketAddress(InetAddress.getByName("198.51.100.254"), 0));
        EpollLink link = loop.submit(() -> EpollLink.open(loop, remote, local, recorder)).get(5, TimeUnit.SECONDS);

        assertThat(link.connectFuture().isDone()).isTrue();
        assertThat(link.connectFuture().cause()).hasMessageContaining("bind");
        assertThat(link.isOpen()).isFalse();
        assertThat(recorder.events).isEmpty();
        assertThat(server.connections.get()).isZero();
    }

    @Test
    void closingTheLinkClosesTheConnection() throws Exception {
        server = new TestServer(TestServer.silent());
        Recorder recorder = new Recorder("GET / HTTP/1.1\r\n\r\n");
        EpollLink link = open(server.port(), recorder);
        awaitDone(link.connectFuture());
        EngineHarness.await("the request arrives", DEADLINE, () -> server.requests.get() == 1);

        loop.submit(() -> link.close()).get(5, TimeUnit.SECONDS);

        assertThat(recorder.inactive.await(5, TimeUnit.SECONDS)).isTrue();
        // the silent server sees the end of the stream once the socket is really closed
        EngineHarness.await("the server sees the end of the stream", DEADLINE, () -> server.finishedWriting);
        assertThat(recorder.received()).isEmpty();
    }
}
