package io.director.plan;

import io.director.ipvs.DestSpec;
import io.director.ipvs.ServiceSpec;
import java.util.List;

/** A service as Director wants it in the kernel, with exactly these real servers. */
public record DesiredService(ServiceSpec spec, List<DestSpec> dests) {
    public DesiredService {
        dests = List.copyOf(dests);
    }
}
