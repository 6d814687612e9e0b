package io.director.lab.drill;

import io.director.lab.Exec;
import io.director.lab.Lab;
import io.director.lab.LabException;

/** Runs an event in the guest after reading the guest's wall clock in the same shell, so the instant is exact. */
final class GuestClock {
    private GuestClock() {}

    /** Runs {@code shellCommand} in the guest's root namespace; returns the epoch ms just before it ran. */
    static long at(Lab lab, String shellCommand) {
        Exec r = lab.guest("date +%s%3N; " + shellCommand).assertSuccess();
        return firstLineMillis(r);
    }

    /** The guest's wall clock now, in epoch ms. */
    static long now(Lab lab) {
        return firstLineMillis(lab.guest("date +%s%3N").assertSuccess());
    }

    private static long firstLineMillis(Exec r) {
        String first = r.stdout().strip().split("\n")[0].strip();
        try {
            return Long.parseLong(first);
        } catch (NumberFormatException e) {
            throw new LabException("cannot read the guest's clock from '" + first + "'");
        }
    }
}
