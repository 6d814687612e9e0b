package io.director.ipvs;

/** Encapsulation of a TUN real server (IP_VS_CONN_F_TUNNEL_TYPE_*; kernel 5.2+ for GUE, 5.3+ for GRE). */
public enum TunnelType {
    IPIP(0), GUE(1), GRE(2);

    private final int value;

    TunnelType(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public static TunnelType ofValue(int v) {
        for (TunnelType t : values()) {
            if (t.value == v) {
                return t;
            }
        }
        return IPIP;
    }
}
