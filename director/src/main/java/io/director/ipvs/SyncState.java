package io.director.ipvs;

/** Role of a connection-sync daemon (IP_VS_STATE_MASTER / IP_VS_STATE_BACKUP). */
public enum SyncState {
    MASTER(IpvsConstants.IP_VS_STATE_MASTER), BACKUP(IpvsConstants.IP_VS_STATE_BACKUP);

    private final int value;

    SyncState(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public static SyncState ofValue(int v) {
        for (SyncState s : values()) {
            if (s.value == v) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown sync daemon state " + v);
    }
}
