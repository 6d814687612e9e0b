package io.director.ipvs;

/** Counters and rates the kernel keeps per service and real server (IPVS_STATS_ATTR_*). */
public record Stats(long connections, long packetsIn, long packetsOut, long bytesIn, long bytesOut,
                    long cps, long inPps, long outPps, long inBps, long outBps) {
    public static final Stats ZERO = new Stats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
