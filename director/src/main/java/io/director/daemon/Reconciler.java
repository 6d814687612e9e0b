package io.director.daemon;

import io.director.ipvs.BatchResult;
import io.director.ipvs.Ipvs;
import io.director.ipvs.IpvsException;
import io.director.ipvs.IpvsOp;
import io.director.ipvs.IpvsTable;
import io.director.ipvs.OpResult;
import io.director.ipvs.ServiceKey;
import io.director.plan.DesiredTable;
import io.director.plan.IpvsPlanner;
import java.util.List;
import java.util.function.Predicate;

/**
 * Makes the kernel's IPVS table equal to a desired table: read it, plan the difference, apply it,
 * log each operation and each refusal. Called for every reason the table may need to change (start,
 * health transition, reload, drift check); when nothing differs it issues no operation at all.
 */
public final class Reconciler {
    /** Above this many ops a pass logs one summary line instead of a line per op (a cold start of 40,000). */
    private static final int DETAILED_UP_TO = 50;
    private final Ipvs ipvs;
    private final EventLog log;

    public Reconciler(Ipvs ipvs, EventLog log) {
        this.ipvs = ipvs;
        this.log = log;
    }

    /** What one pass did: the table it read, the ops it issued and which of them the kernel refused. */
    public record Pass(IpvsTable before, List<OpResult> results) {
        public long applied() {
            return results.stream().filter(r -> r.error().isEmpty()).count();
        }

        public long refused() {
            return results.size() - applied();
        }
    }

    /**
     * Plans {@code desired} against {@code before}, the kernel's table as just read by the caller, and
     * applies the difference. {@code before} is the whole table, or only the services of {@code desired}
     * (then services outside it are neither read nor touched).
     */
    public Pass reconcile(DesiredTable desired, IpvsTable before, Predicate<ServiceKey> owned, String why) throws IpvsException {
        List<IpvsOp> ops = IpvsPlanner.plan(desired, before, owned);
        if (ops.isEmpty()) {
            return new Pass(before, List.of());
        }
        BatchResult result = ipvs.apply(ops);
        boolean each = ops.size() <= DETAILED_UP_TO;
        long refused = 0;
        for (OpResult r : result.results()) {
            if (r.error().isPresent()) {
                if (refused++ < DETAILED_UP_TO) {
                    log.event("ipvs-refused", "why", why, "op", r.op(), "error", r.error().get().getMessage());
                }
            } else if (each) {
                log.event("ipvs-applied", "why", why, "op", r.op());
            }
        }
        if (!each) {
            log.event("ipvs-applied", "why", why, "ops", ops.size() - refused, "refused", refused);
        }
        return new Pass(before, result.results());
    }
}
