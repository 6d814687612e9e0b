package io.director.config.model;

import java.util.List;

/** The IPVS schedulers Director accepts (the kernel's ip_vs_*.ko modules). */
public final class Schedulers {
    private Schedulers() {}

    public static final List<String> KNOWN =
            List.of("rr", "wrr", "lc", "wlc", "sh", "mh", "sed", "nq", "dh", "lblc", "lblcr", "fo", "ovf");
}
