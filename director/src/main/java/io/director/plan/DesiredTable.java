package io.director.plan;

import io.director.ipvs.ServiceKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The part of the kernel's IPVS table that Director manages, as it should be. */
public record DesiredTable(List<DesiredService> services) {

    public DesiredTable {
        services = List.copyOf(services);
        Map<ServiceKey, DesiredService> seen = new LinkedHashMap<>();
        for (DesiredService s : services) {
            if (seen.put(s.spec().key(), s) != null) {
                throw new IllegalArgumentException("service listed twice: " + s.spec().key());
            }
        }
    }

    public Optional<DesiredService> find(ServiceKey key) {
        return services.stream().filter(s -> s.spec().key().equals(key)).findFirst();
    }

    public int destCount() {
        return services.stream().mapToInt(s -> s.dests().size()).sum();
    }
}
