package io.director.plan;

import io.director.ipvs.DestKey;
import io.director.ipvs.DestSpec;
import io.director.ipvs.IpvsOp;
import io.director.ipvs.IpvsTable;
import io.director.ipvs.ObservedDest;
import io.director.ipvs.ServiceKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Desired table against the kernel's actual table: the minimal ordered list of operations that turns
 * actual into desired. Settings changes are edits, never delete-and-add, so connection counters and
 * existing connections survive. A service that is not desired is deleted only when {@code owned} says
 * it is Director's (the whole table is owned, or Director managed it before); real servers of a
 * desired service are all Director's.
 *
 * <p>Order: new services and edits first, then new and edited real servers, then deletions, so that
 * traffic always has somewhere to go while the table changes.
 */
public final class IpvsPlanner {
    private IpvsPlanner() {}

    public static List<IpvsOp> plan(DesiredTable desired, IpvsTable actual, Predicate<ServiceKey> owned) {
        List<IpvsOp> services = new ArrayList<>();
        List<IpvsOp> dests = new ArrayList<>();
        List<IpvsOp> deletions = new ArrayList<>();
        // Indexed once: tables of thousands of services would make a lookup per service quadratic.
        Map<ServiceKey, IpvsTable.Entry> actualByKey = new HashMap<>();
        actual.services().forEach(e -> actualByKey.putIfAbsent(e.service().spec().key(), e));
        Set<ServiceKey> desiredKeys = new HashSet<>();
        for (DesiredService want : desired.services()) {
            ServiceKey key = want.spec().key();
            desiredKeys.add(key);
            var have = Optional.ofNullable(actualByKey.get(key));
            if (have.isEmpty()) {
                services.add(new IpvsOp.AddService(want.spec()));
                want.dests().forEach(d -> dests.add(new IpvsOp.AddDest(key, d)));
                continue;
            }
            if (!have.get().service().spec().equals(want.spec())) {
                services.add(new IpvsOp.EditService(want.spec()));
            }
            Map<DestKey, DestSpec> present = new LinkedHashMap<>();
            for (ObservedDest d : have.get().dests()) {
                present.put(d.spec().key(), d.spec());
            }
            for (DestSpec d : want.dests()) {
                DestSpec now = present.remove(d.key());
                if (now == null) {
                    dests.add(new IpvsOp.AddDest(key, d));
                } else if (!now.equals(d)) {
                    dests.add(new IpvsOp.EditDest(key, d));
                }
            }
            present.keySet().forEach(k -> deletions.add(new IpvsOp.DeleteDest(key, k)));
        }
        for (IpvsTable.Entry e : actual.services()) {
            ServiceKey key = e.service().spec().key();
            if (!desiredKeys.contains(key) && owned.test(key)) {
                deletions.add(new IpvsOp.DeleteService(key));
            }
        }
        List<IpvsOp> ops = new ArrayList<>(services.size() + dests.size() + deletions.size());
        ops.addAll(services);
        ops.addAll(dests);
        ops.addAll(deletions);
        return ops;
    }

    /** Ownership where Director owns the whole table, or just the services in {@code managed}. */
    public static Predicate<ServiceKey> ownership(boolean ownsTable, Set<ServiceKey> managed) {
        return ownsTable ? k -> true : managed::contains;
    }
}
