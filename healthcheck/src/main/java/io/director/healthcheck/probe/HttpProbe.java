package io.director.healthcheck.probe;

import io.director.config.model.Addresses;
import io.director.config.model.HttpCheck;
import io.director.healthcheck.core.CheckOutcome;
import io.director.healthcheck.core.CheckTarget;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * HTTP or HTTPS GET of one real server. A new connection per check, or with {@code keepAlive} one connection
 * kept open and reused while the server allows it. Plain HTTP on an epoll loop goes over an {@link EpollLink}
 * (far fewer system calls a connection); HTTPS, and other transports, over Netty socket channels.
 */
final class HttpProbe implements Probe {

    private static final int MAX_INITIAL_LINE = 4096;
    private static final int MAX_HEADER_SIZE = 8192;
    private static final int MAX_CHUNK_SIZE = 8192;

    private final HttpCheck check;
    private final InetSocketAddress remote;
    private final Connector connector;
    private final Optional<SslContext> tls;
    private final String hostHeader;
    private final String tlsPeerName;
    private final Optional<Pattern> bodyRegex;
    private Channel kept;
    private HttpExchange keptExchange;

    HttpProbe(CheckTarget target, HttpCheck check, EventLoop loop, NettyTransport transport, Optional<SocketAddress> local, Optional<SslContext> tls) {
        this.check = check;
        int port = check.port().orElse(target.port());
        this.remote = new InetSocketAddress(target.address(), port);
        this.tls = tls;
        int defaultPort = check.tls() ? 443 : 80;
        String bareHost = target.address() instanceof Inet6Address
                ? "[" + Addresses.text(target.address()) + "]" : Addresses.text(target.address());
        this.hostHeader = check.host().orElse(port == defaultPort ? bareHost : bareHost + ":" + port);
        this.tlsPeerName = check.sni().or(check::host).orElse(Addresses.text(target.address()));
        this.bodyRegex = check.bodyRegex().map(Pattern::compile);
        this.connector = new Connector(loop, transport, remote, local, check.timing().timeout(), tls.isEmpty());
    }

    @Override
    public Attempt start(Consumer<CheckOutcome> done) {
        if (check.keepAlive() && kept != null && keptExchange.idle()) {
            HttpExchange exchange = keptExchange;
            RunningAttempt attempt = new RunningAttempt(kept, exchange);
            exchange.begin(outcome -> {
                if (!outcome.ok() && !exchange.responseStarted() && !attempt.aborted) {
                    // The server closed the idle connection as we reused it (a keep-alive race, not its
                    // health): retry once on a new connection, within the same attempt and timeout.
                    attempt.replaceWith(connect(done));
                } else {
                    done.accept(outcome);
                }
            });
            return attempt;
        }
        closeKept();
        return connect(done);
    }

    private RunningAttempt connect(Consumer<CheckOutcome> done) {
        HttpExchange exchange = new HttpExchange(check, bodyRegex, this::request);
        exchange.begin(done);
        ChannelFuture connect = connector.connect(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                tls.ifPresent(context -> ch.pipeline().addLast(sslHandler(context, ch)));
                ch.pipeline().addLast(new HttpClientCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, MAX_CHUNK_SIZE));
                ch.pipeline().addLast(exchange);
            }
        });
        Channel channel = connect.channel();
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                exchange.abandonWith(CheckOutcome.failed(Failures.describe("connect " + remote, f.cause())));
            }
        });
        if (check.keepAlive()) {
            kept = channel;
            keptExchange = exchange;
        }
        return new RunningAttempt(channel, exchange);
    }

    /** The connection and exchange an attempt is using; a retry swaps them (all on the event loop). */
    private static final class RunningAttempt implements Attempt {
        private Channel channel;
        private HttpExchange exchange;
        boolean aborted;

        RunningAttempt(Channel channel, HttpExchange exchange) {
            this.channel = channel;
            this.exchange = exchange;
        }

        void replaceWith(RunningAttempt retry) {
            this.channel = retry.channel;
            this.exchange = retry.exchange;
        }

        @Override
        public void abort() {
            aborted = true;
            exchange.abandon();
            channel.close();
        }
    }

    private SslHandler sslHandler(SslContext context, Channel ch) {
        SslHandler handler = context.newHandler(ch.alloc(), tlsPeerName, remote.getPort());
        SSLEngine engine = handler.engine();
        SSLParameters parameters = engine.getSSLParameters();
        if (check.verifyTls()) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!isIpLiteral(tlsPeerName)) {
            parameters.setServerNames(List.of(new SNIHostName(tlsPeerName)));
        }
        engine.setSSLParameters(parameters);
        handler.setHandshakeTimeoutMillis(0); // the engine's whole-check timeout bounds the handshake
        return handler;
    }

    private static boolean isIpLiteral(String name) {
        return name.indexOf(':') >= 0 || name.matches("[0-9.]+");
    }

    private HttpRequest request() {
        HttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, check.path(), Unpooled.EMPTY_BUFFER);
        request.headers()
                .set(HttpHeaderNames.HOST, hostHeader)
                .set(HttpHeaderNames.USER_AGENT, "director-healthcheck")
                .set(HttpHeaderNames.ACCEPT, "*/*")
                .set(HttpHeaderNames.CONNECTION, check.keepAlive() ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
        return request;
    }

    private void closeKept() {
        if (kept != null) {
            keptExchange.abandon();
            kept.close();
            kept = null;
            keptExchange = null;
        }
    }

    @Override
    public void close() {
        closeKept();
    }
}
