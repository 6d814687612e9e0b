package io.director.config.model;

import java.net.InetAddress;

/**
 * Identity of a virtual service: protocol, VIP and port, or a firewall mark (then {@code port} is 0 and
 * {@code vip} only gives the address family).
 */
public record ServiceId(Protocol protocol, InetAddress vip, int port, int fwmark) {

    public static ServiceId of(Protocol protocol, InetAddress vip, int port) {
        return new ServiceId(protocol, vip, port, 0);
    }

    public boolean isFwmark() {
        return fwmark != 0;
    }

    @Override
    public String toString() {
        return isFwmark() ? "fwmark " + fwmark : protocol.name().toLowerCase() + " " + Addresses.withPort(vip, port);
    }
}
