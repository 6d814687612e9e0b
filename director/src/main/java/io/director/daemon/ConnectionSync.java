package io.director.daemon;

import io.director.config.model.DirectorConfig;
import io.director.config.model.SyncConfig;
import io.director.ipvs.Ipvs;
import io.director.ipvs.IpvsException;
import io.director.ipvs.SyncDaemon;
import io.director.ipvs.SyncState;
import java.util.List;
import java.util.OptionalInt;

/**
 * The kernel's connection-sync daemons. Every director runs BOTH roles at once, whatever the election
 * says: the master daemon sends the connections this director forwards (only the VIP holder forwards
 * any), the backup daemon receives the peer's. So connections opened on either side exist on the other
 * before a failover <em>and</em> before a failback; keepalived switches roles at transitions and
 * loses the connections opened on the backup when the old master returns.
 */
public final class ConnectionSync {
    private final Ipvs ipvs;
    private final EventLog log;

    public ConnectionSync(Ipvs ipvs, EventLog log) {
        this.ipvs = ipvs;
        this.log = log;
    }

    /** Starts whichever of the two daemons is missing or differs from the configuration. */
    public void ensure(DirectorConfig config) throws IpvsException {
        SyncConfig sync = config.sync();
        if (!sync.enabled()) {
            return;
        }
        List<SyncDaemon> running = ipvs.syncDaemons();
        for (SyncState state : SyncState.values()) {
            SyncDaemon want = wanted(config, state);
            SyncDaemon have = running.stream().filter(d -> d.state() == state).findFirst().orElse(null);
            if (want.equals(have)) {
                continue;
            }
            if (have != null && !sameSettings(want, have)) {
                ipvs.stopSyncDaemon(state);
                have = null;
            }
            if (have == null) {
                ipvs.startSyncDaemon(want);
                log.event("sync-daemon-started", "daemon", want);
            }
        }
    }

    /** Both daemons as they are in the kernel now. */
    public List<SyncDaemon> running() throws IpvsException {
        return ipvs.syncDaemons();
    }

    public void stop() {
        for (SyncState state : SyncState.values()) {
            try {
                ipvs.stopSyncDaemon(state);
            } catch (IpvsException e) {
                // not running: nothing to stop
            }
        }
    }

    static SyncDaemon wanted(DirectorConfig config, SyncState state) {
        SyncConfig s = config.sync();
        String ifname = s.interfaceName().orElse(config.interfaceName());
        return new SyncDaemon(state, ifname, s.syncId(), s.multicastGroup(), s.multicastPort(), OptionalInt.empty(), 0);
    }

    /** The kernel may fill in defaults we left empty: compare only what we set. */
    private static boolean sameSettings(SyncDaemon want, SyncDaemon have) {
        return want.ifname().equals(have.ifname()) && want.syncId() == have.syncId()
                && (want.mcastGroup().isEmpty() || want.mcastGroup().equals(have.mcastGroup()))
                && (want.mcastPort().isEmpty() || want.mcastPort().equals(have.mcastPort()));
    }
}
