package io.director.ipvs;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A virtual service as a reconciler compares it: the identity {@link #key()} and its settings.
 * {@code netmask} is the persistence netmask as a prefix length (32 or 128 = one client address);
 * {@code timeoutSeconds} is the persistence timeout (used when flags contain PERSISTENT).
 * Flags never contain HASHED (kernel bookkeeping, see {@link ServiceFlag}).
 */
public record ServiceSpec(ServiceKey key, String scheduler, Set<ServiceFlag> flags, int timeoutSeconds, int netmask) {

    public ServiceSpec {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(scheduler, "scheduler");
        if (scheduler.isEmpty() || scheduler.length() > 15) {
            throw new IllegalArgumentException("scheduler name must have 1 to 15 characters: '" + scheduler + "'");
        }
        EnumSet<ServiceFlag> f = EnumSet.noneOf(ServiceFlag.class);
        f.addAll(flags);
        f.remove(ServiceFlag.HASHED);
        flags = Collections.unmodifiableSet(f);
        int max = key.isIpv6() ? 128 : 32;
        if (netmask < 0 || netmask > max) {
            throw new IllegalArgumentException("netmask must be a prefix length 0.." + max + ": " + netmask);
        }
        if (timeoutSeconds < 0) {
            throw new IllegalArgumentException("persistence timeout must not be negative: " + timeoutSeconds);
        }
    }

    /** A service with no flags, no persistence and a full netmask. */
    public static ServiceSpec of(ServiceKey key, String scheduler) {
        return new ServiceSpec(key, scheduler, Set.of(), 0, fullNetmask(key));
    }

    /** The same service made persistent for {@code seconds}, with netmask prefix {@code netmask}. */
    public ServiceSpec persistent(int seconds, int netmask) {
        EnumSet<ServiceFlag> f = EnumSet.of(ServiceFlag.PERSISTENT);
        f.addAll(flags);
        return new ServiceSpec(key, scheduler, f, seconds, netmask);
    }

    /** The same service with these flags added. */
    public ServiceSpec withFlags(ServiceFlag... more) {
        EnumSet<ServiceFlag> f = EnumSet.noneOf(ServiceFlag.class);
        f.addAll(flags);
        f.addAll(java.util.List.of(more));
        return new ServiceSpec(key, scheduler, f, timeoutSeconds, netmask);
    }

    public ServiceSpec withScheduler(String s) {
        return new ServiceSpec(key, s, flags, timeoutSeconds, netmask);
    }

    public boolean persistent() {
        return flags.contains(ServiceFlag.PERSISTENT);
    }

    /** 32 for IPv4, 128 for IPv6. */
    public static int fullNetmask(ServiceKey key) {
        return key.isIpv6() ? 128 : 32;
    }

    /** "wrr", "rr persistent 300 netmask 24 one-packet", "sh sh-port". */
    String settingsText() {
        StringBuilder sb = new StringBuilder(scheduler);
        if (persistent()) {
            sb.append(" persistent ").append(timeoutSeconds);
            if (netmask != fullNetmask(key)) {
                sb.append(" netmask ").append(netmask);
            }
        }
        for (ServiceFlag f : flags) {
            if (f != ServiceFlag.PERSISTENT) {
                sb.append(' ').append(f.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return key + " " + settingsText();
    }
}
