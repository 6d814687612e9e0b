package io.director.ipvs;

/** The transport protocol of a virtual service, with its IPPROTO number. */
public enum Protocol {
    TCP(6), UDP(17), SCTP(132);

    private final int number;

    Protocol(int number) {
        this.number = number;
    }

    /** The IPPROTO_* number the kernel uses. */
    public int number() {
        return number;
    }

    /** "tcp", "udp", "sctp". */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The protocol of IPPROTO number {@code n}, or null (fwmark services report 0). */
    public static Protocol ofNumber(int n) {
        for (Protocol p : values()) {
            if (p.number == n) {
                return p;
            }
        }
        return null;
    }
}
