package io.director.lab.drill;

import io.director.lab.Exec;
import io.director.lab.Lab;
import io.director.lab.LabException;

/**
 * Instants of events in the guest, on the probe's wall clock. The guest reads its uptime with shell
 * builtins in the same command as the event ({@code /proc/uptime}, no process start: a process start in
 * the guest can take longer than a failover), and the probe's log header ties uptime to the wall clock.
 */
final class GuestClock {
    private static final String READ = "read _u _i </proc/uptime; echo \"@@uptime $_u\"";

    private final Lab lab;
    private long epochMinusUptime;

    GuestClock(Lab lab) {
        this.lab = lab;
    }

    /** Ties the guest's uptime to the wall clock: a probe's start as both (its log header). */
    void calibrate(long startedEpochMillis, long startedUptimeMillis) {
        epochMinusUptime = startedEpochMillis - startedUptimeMillis;
    }

    /** Runs {@code before}, reads the clock, runs {@code after}, in the guest's root namespace; returns the reading (epoch ms). */
    long at(String before, String after) {
        Exec r = lab.guest(before + "\n" + READ + "\n" + after).assertSuccess();
        for (String line : r.stdout().split("\n")) {
            if (line.startsWith("@@uptime ")) {
                return epochMinusUptime + Math.round(Double.parseDouble(line.substring(9).trim()) * 1000);
            }
        }
        throw new LabException("no uptime reading in '" + r.stdout() + "'");
    }

    /** The guest's clock now (epoch ms). */
    long now() {
        return at(":", ":");
    }
}
