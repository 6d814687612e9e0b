package io.director.failover.port;

/** The VIPs of this director, implemented by the daemon (rtnetlink addresses + announcements). */
public interface VipOwnership {
    /** Add every VIP and send the announcement burst (gratuitous ARP, unsolicited NA). Throws when a VIP cannot be added. */
    void acquire() throws Exception;

    /** Remove every VIP; removing one that is absent is not an error. */
    void release() throws Exception;

    /** Whether this director holds its VIPs now. */
    boolean held();
}
