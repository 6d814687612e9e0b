package io.director.lab.drill;

import java.util.List;

/**
 * What one drill measured. Instants are on the guest's wall clock (epoch ms): {@code begin} before
 * the event, {@code event} the failure or handover, {@code back} the heal or handover back,
 * {@code end} once settled with the first master back in place.
 *
 * @param gap           the client's longest time without an answer overlapping the failover (from the event until
 *                      the drill saw the new master hold the VIP)
 * @param backGap       the same for the way back (from {@code back} until settled)
 * @param requests      the client's requests from begin to end
 * @param failures      the client's failed requests from begin to end
 * @param resets        long-lived connections broken from begin to end, -1 when none were held
 * @param owners        directors whose eth0 carried the VIP once settled ({@code ip addr})
 * @param note          what else was seen (a handover's own report, a step that timed out), or ""
 */
public record DrillResult(int number, DrillKind kind, long begin, long event, long back, long end,
                          ProbeTimeline.Gap gap, ProbeTimeline.Gap backGap, int requests, int failures, int resets,
                          List<String> owners, String note) {

    public DrillResult {
        owners = List.copyOf(owners);
    }

    public long gapMillis() {
        return gap.millis();
    }

    public long backGapMillis() {
        return backGap.millis();
    }

    public boolean oneOwner() {
        return owners.size() == 1;
    }
}
