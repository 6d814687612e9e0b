package io.director.net;

import java.net.InetAddress;

/** One address with its prefix as configured on an interface. */
public record InterfaceAddress(InetAddress address, int prefixLength, String interfaceName) {

    public InterfaceAddress {
        int max = address.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix /" + prefixLength + " out of range for " + IpLiteral.format(address));
        }
    }

    /** {@code 198.51.100.100/32}, the form {@code ip addr} prints. */
    public String cidr() {
        return IpLiteral.format(address) + "/" + prefixLength;
    }
}
