package io.director.config.model;

import java.net.InetAddress;
import java.util.Optional;

/** A virtual address the master holds, with its prefix and, optionally, its own interface. */
public record Vip(InetAddress address, int prefixLength, Optional<String> interfaceName) {

    @Override
    public String toString() {
        return Addresses.text(address) + "/" + prefixLength + interfaceName.map(i -> " dev " + i).orElse("");
    }
}
