package io.director.ipvs;

import io.director.sys.Errno;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A test fixture standing in for the kernel's IPVS table: it keeps services and real servers in
 * insertion order, applies ops with the kernel's answers (EEXIST for a duplicate, ESRCH for a missing
 * service, ENOENT for a missing real server, EINVAL for a real server of another address family unless
 * TUN), and records every op it was asked to apply, so a test can say exactly what was issued.
 */
public final class InMemoryIpvs implements Ipvs {

    private final Map<ServiceKey, ServiceSpec> services = new LinkedHashMap<>();
    private final Map<ServiceKey, Map<DestKey, DestSpec>> dests = new LinkedHashMap<>();
    private final List<IpvsOp> requested = new ArrayList<>();
    private final List<IpvsOp> applied = new ArrayList<>();
    private final List<SyncDaemon> daemons = new ArrayList<>();
    private Timeouts timeouts = new Timeouts(900, 120, 300);
    private Predicate<IpvsOp> failWhen = op -> false;
    private int failErrno;
    private int batches;
    private boolean closed;

    /** A table that already holds {@code ops} applied (they are not recorded). */
    public static InMemoryIpvs with(List<IpvsOp> ops) {
        InMemoryIpvs ipvs = new InMemoryIpvs();
        for (IpvsOp op : ops) {
            int e = ipvs.execute(op);
            if (e != 0) {
                throw new IllegalArgumentException("cannot set up " + op + ": " + Errno.describe(e));
            }
        }
        return ipvs;
    }

    /** From now on, ops matching {@code which} are refused with {@code errno} (as a kernel would). */
    public InMemoryIpvs failWhen(Predicate<IpvsOp> which, int errno) {
        this.failWhen = which;
        this.failErrno = errno;
        return this;
    }

    /** Every op passed to apply, in order, refused ones included. */
    public List<IpvsOp> requested() {
        return List.copyOf(requested);
    }

    /** The ops that changed the table, in order. */
    public List<IpvsOp> applied() {
        return List.copyOf(applied);
    }

    /** Forgets the recorded ops (the table stays). */
    public void clearRecord() {
        requested.clear();
        applied.clear();
        batches = 0;
    }

    /** How many times apply(List) was called. */
    public int batches() {
        return batches;
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public BatchResult apply(List<IpvsOp> ops) {
        batches++;
        List<OpResult> results = new ArrayList<>();
        for (IpvsOp op : ops) {
            requested.add(op);
            int e = failWhen.test(op) ? failErrno : execute(op);
            if (e == 0) {
                applied.add(op);
                results.add(OpResult.applied(op));
            } else {
                results.add(OpResult.failed(op, IpvsException.forOp(op, e, "")));
            }
        }
        return new BatchResult(results);
    }

    private int execute(IpvsOp op) {
        ServiceKey key = op.service();
        if (op instanceof IpvsOp.AddService a) {
            if (services.containsKey(key)) {
                return Errno.EEXIST.code();
            }
            services.put(key, a.spec());
            dests.put(key, new LinkedHashMap<>());
            return 0;
        }
        if (!services.containsKey(key)) {
            return Errno.ESRCH.code();
        }
        Map<DestKey, DestSpec> ds = dests.get(key);
        if (op instanceof IpvsOp.EditService e) {
            services.put(key, e.spec());
        } else if (op instanceof IpvsOp.DeleteService) {
            services.remove(key);
            dests.remove(key);
        } else if (op instanceof IpvsOp.AddDest a) {
            if (ds.containsKey(a.dest().key())) {
                return Errno.EEXIST.code();
            }
            if (!familyOk(key, a.dest())) {
                return Errno.EINVAL.code();
            }
            ds.put(a.dest().key(), a.dest());
        } else if (op instanceof IpvsOp.EditDest e) {
            if (!ds.containsKey(e.dest().key())) {
                return Errno.ENOENT.code();
            }
            if (!familyOk(key, e.dest())) {
                return Errno.EINVAL.code();
            }
            ds.put(e.dest().key(), e.dest());
        } else if (op instanceof IpvsOp.DeleteDest d) {
            if (ds.remove(d.dest()) == null) {
                return Errno.ENOENT.code();
            }
        }
        return 0;
    }

    private boolean familyOk(ServiceKey key, DestSpec d) {
        return d.key().family() == key.family() || (d.forwarding() == Forwarding.TUN && daemons.isEmpty());
    }

    @Override
    public List<ObservedService> services() {
        return services.values().stream().map(s -> new ObservedService(s, Stats.ZERO)).toList();
    }

    @Override
    public List<ObservedDest> dests(ServiceKey key) throws IpvsException {
        Map<DestKey, DestSpec> ds = dests.get(key);
        if (ds == null) {
            throw new IpvsException("list real servers of " + key + ": ESRCH (no such service)", Errno.ESRCH.code());
        }
        return ds.values().stream().map(d -> new ObservedDest(d, 0, 0, 0, Stats.ZERO)).toList();
    }

    @Override
    public IpvsTable table() throws IpvsException {
        List<IpvsTable.Entry> entries = new ArrayList<>();
        for (ObservedService s : services()) {
            entries.add(new IpvsTable.Entry(s, dests(s.key())));
        }
        return new IpvsTable(entries);
    }

    @Override
    public void flush() {
        services.clear();
        dests.clear();
    }

    @Override
    public Info info() {
        return new Info(0x010201, 4096);
    }

    @Override
    public Timeouts timeouts() {
        return timeouts;
    }

    @Override
    public void setTimeouts(Timeouts t) {
        timeouts = new Timeouts(t.tcp() == 0 ? timeouts.tcp() : t.tcp(), t.tcpFin() == 0 ? timeouts.tcpFin() : t.tcpFin(),
                t.udp() == 0 ? timeouts.udp() : t.udp());
    }

    @Override
    public void startSyncDaemon(SyncDaemon d) throws IpvsException {
        if (daemons.stream().anyMatch(x -> x.state() == d.state())) {
            throw IpvsException.forRequest("start " + d, Errno.EEXIST.code(), "");
        }
        daemons.add(d);
    }

    @Override
    public void stopSyncDaemon(SyncState state) throws IpvsException {
        if (!daemons.removeIf(d -> d.state() == state)) {
            throw IpvsException.forRequest("stop " + state.name().toLowerCase() + " sync daemon", Errno.ESRCH.code(), "");
        }
    }

    @Override
    public List<SyncDaemon> syncDaemons() {
        return List.copyOf(daemons);
    }

    @Override
    public void close() {
        closed = true;
    }
}
