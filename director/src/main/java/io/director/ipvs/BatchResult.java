package io.director.ipvs;

import java.util.List;

/** The outcome of every op of a batch, in the order given. */
public record BatchResult(List<OpResult> results) {
    public BatchResult {
        results = List.copyOf(results);
    }

    public boolean allApplied() {
        return results.stream().allMatch(OpResult::isApplied);
    }

    public List<OpResult> failures() {
        return results.stream().filter(r -> !r.isApplied()).toList();
    }

    public long appliedCount() {
        return results.stream().filter(OpResult::isApplied).count();
    }
}
