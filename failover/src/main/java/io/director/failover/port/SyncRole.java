package io.director.failover.port;

/** The IPVS connection-sync daemon's role on this director (the daemon may run both roles at once). */
public interface SyncRole {
    void becomeMaster();

    void becomeBackup();
}
