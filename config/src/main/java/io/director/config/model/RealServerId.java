package io.director.config.model;

import java.net.InetAddress;

/** Identity of a real server within a service. */
public record RealServerId(InetAddress address, int port) {

    @Override
    public String toString() {
        return Addresses.withPort(address, port);
    }
}
