package io.director.ipvs;

import java.util.Objects;

/**
 * A real server as a reconciler compares it: identity {@link #key()} and settings. Thresholds 0 mean
 * none. Tunnel type, port and flags (IP_VS_TUNNEL_ENCAP_FLAG_*) matter only for TUN; the kernel
 * reports IPIP/0/0 for the others.
 */
public record DestSpec(DestKey key, Forwarding forwarding, int weight, int upperThreshold, int lowerThreshold,
                       TunnelType tunnelType, int tunnelPort, int tunnelFlags) {

    public DestSpec {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(forwarding, "forwarding");
        Objects.requireNonNull(tunnelType, "tunnelType");
        if (weight < 0) {
            throw new IllegalArgumentException("weight must not be negative: " + weight);
        }
        if (upperThreshold < 0 || lowerThreshold < 0) {
            throw new IllegalArgumentException("thresholds must not be negative");
        }
        if (tunnelPort < 0 || tunnelPort > 65535) {
            throw new IllegalArgumentException("tunnel port out of range: " + tunnelPort);
        }
    }

    /** A real server with no thresholds and plain IPIP tunnelling. */
    public static DestSpec of(DestKey key, Forwarding forwarding, int weight) {
        return new DestSpec(key, forwarding, weight, 0, 0, TunnelType.IPIP, 0, 0);
    }

    public DestSpec withWeight(int w) {
        return new DestSpec(key, forwarding, w, upperThreshold, lowerThreshold, tunnelType, tunnelPort, tunnelFlags);
    }

    public DestSpec withThresholds(int upper, int lower) {
        return new DestSpec(key, forwarding, weight, upper, lower, tunnelType, tunnelPort, tunnelFlags);
    }

    public DestSpec withTunnel(TunnelType type, int port, int flags) {
        return new DestSpec(key, forwarding, weight, upperThreshold, lowerThreshold, type, port, flags);
    }

    /** "weight 3", "weight 1 nat", "weight 1 tun gue port 6080 upper 100 lower 10" (DR is the default). */
    String settingsText() {
        StringBuilder sb = new StringBuilder("weight ").append(weight);
        if (forwarding != Forwarding.DR) {
            sb.append(' ').append(forwarding.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (forwarding == Forwarding.TUN && (tunnelType != TunnelType.IPIP || tunnelPort != 0 || tunnelFlags != 0)) {
            sb.append(' ').append(tunnelType.name().toLowerCase(java.util.Locale.ROOT));
            if (tunnelPort != 0) {
                sb.append(" port ").append(tunnelPort);
            }
            if (tunnelFlags != 0) {
                sb.append(" flags ").append(tunnelFlags);
            }
        }
        if (upperThreshold != 0) {
            sb.append(" upper ").append(upperThreshold);
        }
        if (lowerThreshold != 0) {
            sb.append(" lower ").append(lowerThreshold);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return key + " " + settingsText();
    }
}
