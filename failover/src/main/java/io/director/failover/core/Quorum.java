package io.director.failover.core;

/**
 * How many members a partition needs before anyone in it may be master: a strict majority of the configured
 * members. With exactly two configured members no majority survives a cut, so one member alone is enough
 * (as with keepalived): a link cut between two directors then gives two masters until it heals. A third,
 * witness member removes that trade-off.
 */
public final class Quorum {
    private Quorum() {}

    public static int of(int configuredMembers) {
        if (configuredMembers <= 2) {
            return 1;
        }
        return configuredMembers / 2 + 1;
    }
}
