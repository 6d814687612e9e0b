package io.director.ipvs;

import java.util.List;
import java.util.Optional;

/** The kernel's whole IPVS table: every service with its real servers, in kernel order. */
public record IpvsTable(List<Entry> services) {

    /** One service and its real servers. */
    public record Entry(ObservedService service, List<ObservedDest> dests) {
        public Entry {
            dests = List.copyOf(dests);
        }
    }

    public IpvsTable {
        services = List.copyOf(services);
    }

    public Optional<Entry> find(ServiceKey key) {
        return services.stream().filter(e -> e.service().key().equals(key)).findFirst();
    }

    public int destCount() {
        return services.stream().mapToInt(e -> e.dests().size()).sum();
    }
}
