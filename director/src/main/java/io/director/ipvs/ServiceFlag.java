package io.director.ipvs;

import java.util.EnumSet;
import java.util.Set;

/**
 * Virtual-service flags (IP_VS_SVC_F_* in ip_vs.h). The scheduler flags share bits: SH_FALLBACK and
 * MH_FALLBACK are SCHED1, SH_PORT and MH_PORT are SCHED2; which name applies depends on the scheduler.
 * HASHED is kernel bookkeeping (set on every live service): Director never sends it and the decoder
 * leaves it out, so a desired service compares equal to the observed one.
 */
public enum ServiceFlag {
    PERSISTENT(IpvsConstants.IP_VS_SVC_F_PERSISTENT),
    HASHED(IpvsConstants.IP_VS_SVC_F_HASHED),
    ONE_PACKET(IpvsConstants.IP_VS_SVC_F_ONEPACKET),
    SH_FALLBACK(IpvsConstants.IP_VS_SVC_F_SCHED1),
    SH_PORT(IpvsConstants.IP_VS_SVC_F_SCHED2),
    MH_FALLBACK(IpvsConstants.IP_VS_SVC_F_SCHED1),
    MH_PORT(IpvsConstants.IP_VS_SVC_F_SCHED2);

    private final int bit;

    ServiceFlag(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }

    /** The kernel bits of {@code flags} (HASHED never included). */
    public static int toBits(Set<ServiceFlag> flags) {
        int bits = 0;
        for (ServiceFlag f : flags) {
            if (f != HASHED) {
                bits |= f.bit;
            }
        }
        return bits;
    }

    /**
     * The flags of kernel {@code bits} for a service scheduled by {@code scheduler}: SCHED1/SCHED2 read
     * as MH_* for "mh" and SH_* otherwise; HASHED is dropped.
     */
    public static Set<ServiceFlag> fromBits(int bits, String scheduler) {
        Set<ServiceFlag> out = EnumSet.noneOf(ServiceFlag.class);
        if ((bits & IpvsConstants.IP_VS_SVC_F_PERSISTENT) != 0) {
            out.add(PERSISTENT);
        }
        if ((bits & IpvsConstants.IP_VS_SVC_F_ONEPACKET) != 0) {
            out.add(ONE_PACKET);
        }
        boolean mh = "mh".equals(scheduler);
        if ((bits & IpvsConstants.IP_VS_SVC_F_SCHED1) != 0) {
            out.add(mh ? MH_FALLBACK : SH_FALLBACK);
        }
        if ((bits & IpvsConstants.IP_VS_SVC_F_SCHED2) != 0) {
            out.add(mh ? MH_PORT : SH_PORT);
        }
        return out;
    }
}
