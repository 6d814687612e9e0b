package io.director.net;

import java.net.InetAddress;

/** Tells the link that a VIP now lives at this interface's MAC. The real one is {@code PacketAnnouncer}. */
public interface Announcer extends AutoCloseable {

    /**
     * Sends one announcement: for IPv4 a gratuitous ARP in both forms (request, then reply), for IPv6
     * one unsolicited neighbour advertisement with the override flag to all nodes.
     */
    void announce(String ifname, InetAddress vip) throws NetException;

    @Override
    void close();
}
