package io.director.ipvs;

/** How a real server receives packets: IP_VS_CONN_F_DROUTE, IP_VS_CONN_F_MASQ, IP_VS_CONN_F_TUNNEL. */
public enum Forwarding {
    DR(IpvsConstants.IP_VS_CONN_F_DROUTE),
    NAT(IpvsConstants.IP_VS_CONN_F_MASQ),
    TUN(IpvsConstants.IP_VS_CONN_F_TUNNEL);

    private final int connFlag;

    Forwarding(int connFlag) {
        this.connFlag = connFlag;
    }

    /** The IP_VS_CONN_F_* forwarding value. */
    public int connFlag() {
        return connFlag;
    }

    /** The forwarding of a kernel conn_flags value (masked with IP_VS_CONN_F_FWD_MASK), or null. */
    public static Forwarding ofConnFlags(int flags) {
        int fwd = flags & IpvsConstants.IP_VS_CONN_F_FWD_MASK;
        for (Forwarding f : values()) {
            if (f.connFlag == fwd) {
                return f;
            }
        }
        return null;
    }

    /** ipvsadm -Ln's column: "Route", "Masq", "Tunnel". */
    public String ipvsadmName() {
        return switch (this) {
            case DR -> "Route";
            case NAT -> "Masq";
            case TUN -> "Tunnel";
        };
    }
}
