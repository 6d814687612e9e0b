package io.director.failover.core;

/**
 * The role of one cluster member. INIT: started, not yet joined (or waited its join timeout); BACKUP: ready,
 * holds no VIP; MASTER: holds the VIPs; FAULT: its own self-checks fail, holds no VIP; WITNESS: votes only;
 * STOPPED: left the cluster.
 */
public enum Role { INIT, BACKUP, MASTER, FAULT, WITNESS, STOPPED }
