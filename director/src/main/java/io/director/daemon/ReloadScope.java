package io.director.daemon;

import io.director.config.core.ConfigChange;
import io.director.config.model.ServiceId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which services a reload has to bring to the kernel: when every change is about particular services
 * (added, removed, their settings, checks or real servers), only those are read from the kernel and
 * planned, so a one-line change in a table of thousands of services costs one service's worth of work.
 * Any other change (VIPs, cluster, the ipvs section...) needs the whole table: empty.
 */
final class ReloadScope {
    private ReloadScope() {}

    static Optional<Set<ServiceId>> services(List<ConfigChange> changes) {
        Set<ServiceId> ids = new HashSet<>();
        for (ConfigChange c : changes) {
            if (c instanceof ConfigChange.ServiceAdded a) {
                ids.add(a.service().id());
            } else if (c instanceof ConfigChange.ServiceRemoved r) {
                ids.add(r.service().id());
            } else if (c instanceof ConfigChange.ServiceChanged s) {
                ids.add(s.id());
            } else if (c instanceof ConfigChange.CheckChanged k) {
                ids.add(k.service());
            } else if (c instanceof ConfigChange.RealServerAdded a) {
                ids.add(a.service());
            } else if (c instanceof ConfigChange.RealServerRemoved r) {
                ids.add(r.service());
            } else if (c instanceof ConfigChange.RealServerChanged r) {
                ids.add(r.service());
            } else if (c instanceof ConfigChange.OrderChanged o) {
                o.service().ifPresent(ids::add); // services reordered: nothing for the kernel
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(ids);
    }
}
