package io.director.healthcheck.probe;

import io.director.config.model.Addresses;
import io.director.config.model.HttpCheck;
import io.director.config.model.ScriptCheck;
import io.director.config.model.TcpCheck;
import io.director.healthcheck.core.CheckTarget;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLException;

/** Makes the probe for a target: shares the transport, the TLS contexts, the source address and the blocking executor. */
public final class Probes {

    private final NettyTransport transport;
    private final Optional<InetAddress> sourceAddress;
    private final Executor blocking;
    private final SslContext verifying;
    private final SslContext trusting;

    /** {@code blocking}: where script processes are started and killed (never an event loop). */
    public Probes(NettyTransport transport, Optional<InetAddress> sourceAddress, Executor blocking) {
        this.transport = transport;
        this.sourceAddress = sourceAddress;
        this.blocking = blocking;
        try {
            this.verifying = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).build();
            this.trusting = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                    .trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS for HTTPS checks: " + e.getMessage(), e);
        }
    }

    /** A probe for {@code target} whose connections live on {@code loop}. */
    public Probe create(CheckTarget target, EventLoop loop) {
        Optional<SocketAddress> local = sourceAddress
                .filter(source -> Addresses.sameFamily(source, target.address()))
                .map(source -> new InetSocketAddress(source, 0));
        if (target.check() instanceof HttpCheck http) {
            return new HttpProbe(target, http, loop, transport, local,
                    http.tls() ? Optional.of(http.verifyTls() ? verifying : trusting) : Optional.empty());
        }
        if (target.check() instanceof TcpCheck tcp) {
            return new TcpProbe(target, tcp, loop, transport, local);
        }
        if (target.check() instanceof ScriptCheck script) {
            return new ScriptProbe(target, script, blocking);
        }
        throw new IllegalArgumentException("unknown check type: " + target.check());
    }
}
