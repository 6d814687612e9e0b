package io.director.ipvs;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A connection-sync daemon: role, interface, sync id, and optionally the multicast group, port and TTL
 * (kernel defaults 224.0.0.81, 8848, 1) and the maximum UDP payload ({@code maxLength} 0 = kernel default).
 */
public record SyncDaemon(SyncState state, String ifname, int syncId, Optional<InetAddress> mcastGroup,
                         OptionalInt mcastPort, OptionalInt mcastTtl, int maxLength) {

    public SyncDaemon {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(ifname, "ifname");
        if (ifname.isEmpty() || ifname.length() > 15) {
            throw new IllegalArgumentException("interface name must have 1 to 15 characters: '" + ifname + "'");
        }
        if (syncId < 0 || syncId > 255) {
            throw new IllegalArgumentException("sync id must be 0..255: " + syncId);
        }
        Objects.requireNonNull(mcastGroup, "mcastGroup");
        Objects.requireNonNull(mcastPort, "mcastPort");
        Objects.requireNonNull(mcastTtl, "mcastTtl");
    }

    /** A daemon with the kernel's multicast defaults. */
    public static SyncDaemon of(SyncState state, String ifname, int syncId) {
        return new SyncDaemon(state, ifname, syncId, Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), 0);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(state.name().toLowerCase(java.util.Locale.ROOT))
                .append(" sync daemon (mcast=").append(ifname).append(", syncid=").append(syncId);
        mcastGroup.ifPresent(g -> sb.append(", group=").append(Notation.host(g)));
        mcastPort.ifPresent(p -> sb.append(", port=").append(p));
        mcastTtl.ifPresent(t -> sb.append(", ttl=").append(t));
        if (maxLength != 0) {
            sb.append(", maxlen=").append(maxLength);
        }
        return sb.append(')').toString();
    }
}
