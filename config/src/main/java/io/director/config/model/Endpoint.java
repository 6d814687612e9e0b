package io.director.config.model;

import java.net.InetAddress;

/** An IP address and a port, such as a cluster member, a sorry server or a metrics listener. */
public record Endpoint(InetAddress address, int port) {

    @Override
    public String toString() {
        return Addresses.withPort(address, port);
    }
}
