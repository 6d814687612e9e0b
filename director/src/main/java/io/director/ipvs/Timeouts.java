package io.director.ipvs;

/** Connection timeouts in seconds (ipvsadm --set tcp tcpfin udp); 0 in a set request leaves one unchanged. */
public record Timeouts(int tcp, int tcpFin, int udp) {
    public Timeouts {
        if (tcp < 0 || tcpFin < 0 || udp < 0) {
            throw new IllegalArgumentException("timeouts must not be negative");
        }
    }
}
