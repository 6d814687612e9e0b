package io.director.ipvs;

import java.net.InetAddress;
import java.util.Objects;

/** The identity of a real server within a service: its address and port. */
public record DestKey(InetAddress address, int port) {
    public DestKey {
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public static DestKey of(InetAddress address, int port) {
        return new DestKey(address, port);
    }

    /** AF_INET or AF_INET6. */
    public int family() {
        return ServiceKey.familyOf(address);
    }

    @Override
    public String toString() {
        return Notation.hostPort(address, port);
    }
}
