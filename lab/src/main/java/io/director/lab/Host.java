package io.director.lab;

import java.time.Duration;

/** One host of the lab: a named network namespace on the bridge lab0 (its link there is eth0). */
public final class Host {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final Guest guest;
    private final String name;
    private final String ipv4;
    private final String ipv6;

    Host(Guest guest, String name, int suffix) {
        this.guest = guest;
        this.name = name;
        this.ipv4 = Lab.NET4 + "." + suffix;
        this.ipv6 = Lab.NET6 + ":" + suffix;
    }

    public String name() {
        return name;
    }

    /** Its address on eth0, e.g. 198.51.100.11 for rs1. */
    public String ipv4() {
        return ipv4;
    }

    /** Its IPv6 address on eth0, e.g. 2001:db8::11 for rs1. */
    public String ipv6() {
        return ipv6;
    }

    /** Runs {@code sh -c shellCommand} in this host's namespace and waits (60 s at most). */
    public Exec run(String shellCommand) {
        return run(DEFAULT_TIMEOUT, shellCommand);
    }

    /** Runs {@code sh -c shellCommand} here; kills it and throws {@link LabException} after {@code timeout}. */
    public Exec run(Duration timeout, String shellCommand) {
        return guest.run(name, shellCommand, timeout);
    }

    /** Starts {@code shellCommand} here in the background; {@link Spawned#stop()} ends it and its children. */
    public Spawned spawn(String shellCommand) {
        return new Spawned(guest, guest.start(name, shellCommand));
    }

    @Override
    public String toString() {
        return name + " (" + ipv4 + ", " + ipv6 + ")";
    }
}
