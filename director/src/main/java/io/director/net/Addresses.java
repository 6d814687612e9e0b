package io.director.net;

import java.net.InetAddress;
import java.util.List;

/** Interfaces and their addresses, as the kernel holds them. The real one is {@code RtnetlinkAddresses}. */
public interface Addresses extends AutoCloseable {

    /** Index, MAC, MTU and state of an interface; NetException if there is none of that name. */
    InterfaceInfo interfaceInfo(String name) throws NetException;

    /** The addresses on an interface, IPv4 and IPv6. */
    List<InterfaceAddress> list(String ifname) throws NetException;

    /** Adds an address (IPv6 without duplicate address detection); false if it was already there. */
    boolean add(String ifname, InetAddress addr, int prefix) throws NetException;

    /** Removes an address; false if it was not there. */
    boolean remove(String ifname, InetAddress addr, int prefix) throws NetException;

    @Override
    void close();
}
