package io.director.ipvs;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * The identity of a virtual service: protocol, address and port, or a firewall mark (fwmark != 0,
 * then protocol is null, address the wildcard of the family and port 0). {@code family} is AF_INET (2)
 * or AF_INET6 (10).
 */
public record ServiceKey(Protocol protocol, InetAddress address, int port, int fwmark, int family) {

    public static final int AF_INET = IpvsConstants.AF_INET;
    public static final int AF_INET6 = IpvsConstants.AF_INET6;

    public ServiceKey {
        if (family != AF_INET && family != AF_INET6) {
            throw new IllegalArgumentException("address family must be AF_INET (2) or AF_INET6 (10): " + family);
        }
        if (fwmark != 0) {
            protocol = null;
            address = wildcard(family);
            port = 0;
        } else {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(address, "address");
            if (familyOf(address) != family) {
                throw new IllegalArgumentException("address " + address.getHostAddress() + " is not of family " + family);
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }
    }

    /** A service by protocol, address and port; the family follows the address. */
    public static ServiceKey of(Protocol protocol, InetAddress address, int port) {
        return new ServiceKey(protocol, address, port, 0, familyOf(address));
    }

    /** A firewall-mark service of {@code family} (AF_INET or AF_INET6). */
    public static ServiceKey fwmark(int mark, int family) {
        if (mark == 0) {
            throw new IllegalArgumentException("firewall mark must not be 0");
        }
        return new ServiceKey(null, null, 0, mark, family);
    }

    public boolean isFwmark() {
        return fwmark != 0;
    }

    public boolean isIpv6() {
        return family == AF_INET6;
    }

    /** AF_INET or AF_INET6 of {@code a}. */
    public static int familyOf(InetAddress a) {
        return a instanceof Inet6Address ? AF_INET6 : AF_INET;
    }

    static InetAddress wildcard(int family) {
        try {
            return InetAddress.getByAddress(new byte[family == AF_INET6 ? 16 : 4]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "tcp 198.51.100.100:80", "udp [2001:db8::100]:53", "fwmark 5", "fwmark 5 inet6". */
    @Override
    public String toString() {
        if (isFwmark()) {
            return "fwmark " + Integer.toUnsignedString(fwmark) + (isIpv6() ? " inet6" : "");
        }
        return protocol.label() + " " + Notation.hostPort(address, port);
    }
}
