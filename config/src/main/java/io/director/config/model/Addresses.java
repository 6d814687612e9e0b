package io.director.config.model;

import java.net.Inet6Address;
import java.net.InetAddress;

/** Text forms of addresses as operators write them (no reverse lookups, IPv6 in brackets with a port). */
public final class Addresses {
    private Addresses() {}

    public static String text(InetAddress address) {
        return address.getHostAddress();
    }

    public static String withPort(InetAddress address, int port) {
        return address instanceof Inet6Address ? "[" + text(address) + "]:" + port : text(address) + ":" + port;
    }

    public static boolean sameFamily(InetAddress a, InetAddress b) {
        return (a instanceof Inet6Address) == (b instanceof Inet6Address);
    }
}
