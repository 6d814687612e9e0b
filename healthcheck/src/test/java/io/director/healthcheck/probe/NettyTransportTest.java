package io.director.healthcheck.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import org.junit.jupiter.api.Test;

class NettyTransportTest {

    @Test
    void anUnknownTransportIsRefusedByName() {
        assertThatThrownBy(() -> NettyTransport.choose("kqueue"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("director.healthcheck.transport must be io_uring, epoll or nio, got 'kqueue'");
    }

    @Test
    void epollUnlessAnotherIsAskedFor() {
        NettyTransport epoll = Epoll.isAvailable() ? NettyTransport.EPOLL : NettyTransport.NIO;
        assertThat(NettyTransport.choose(null)).isEqualTo(epoll);
        assertThat(NettyTransport.choose(" IO_URING ")).isEqualTo(IoUring.isAvailable() ? NettyTransport.IO_URING : epoll);
        assertThat(NettyTransport.choose("epoll")).isEqualTo(Epoll.isAvailable() ? NettyTransport.EPOLL : NettyTransport.NIO);
        assertThat(NettyTransport.choose("nio")).isEqualTo(NettyTransport.NIO);
    }
}
