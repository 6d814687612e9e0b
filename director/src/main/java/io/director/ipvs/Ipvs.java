package io.director.ipvs;

import java.util.List;
import java.util.Optional;

/**
 * The kernel's IPVS table, the one narrow port through which Director programs it. The real
 * implementation is {@link NetlinkIpvs}; tests use an in-memory fake that records ops.
 */
public interface Ipvs extends AutoCloseable {

    /**
     * Applies {@code ops} in order, pipelined (several requests per send); one refused op does not
     * stop the rest. Throws only when the kernel cannot be reached at all.
     */
    BatchResult apply(List<IpvsOp> ops) throws IpvsException;

    /** Applies one op; throws with the kernel's reason if refused. */
    default void apply(IpvsOp op) throws IpvsException {
        BatchResult r = apply(List.of(op));
        if (!r.allApplied()) {
            throw r.results().get(0).error().orElseThrow();
        }
    }

    List<ObservedService> services() throws IpvsException;

    /** One service, empty when the kernel has none with this key. */
    default Optional<ObservedService> service(ServiceKey key) throws IpvsException {
        for (ObservedService s : services()) {
            if (s.key().equals(key)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The real servers of {@code key}; ESRCH-style IpvsException when the service does not exist. */
    List<ObservedDest> dests(ServiceKey key) throws IpvsException;

    /** Every service with its real servers. */
    IpvsTable table() throws IpvsException;

    /** Deletes every service and real server (ipvsadm -C). */
    void flush() throws IpvsException;

    Info info() throws IpvsException;

    Timeouts timeouts() throws IpvsException;

    /** Sets timeouts; a 0 field leaves that timeout unchanged. */
    void setTimeouts(Timeouts t) throws IpvsException;

    void startSyncDaemon(SyncDaemon d) throws IpvsException;

    void stopSyncDaemon(SyncState state) throws IpvsException;

    List<SyncDaemon> syncDaemons() throws IpvsException;

    @Override
    void close();
}
