package io.director.ipvs;

import java.util.Objects;
import java.util.Optional;

/** What became of one op in a batch: applied (no error) or refused with the kernel's reason. */
public record OpResult(IpvsOp op, Optional<IpvsException> error) {
    public OpResult {
        Objects.requireNonNull(op);
        Objects.requireNonNull(error);
    }

    public static OpResult applied(IpvsOp op) {
        return new OpResult(op, Optional.empty());
    }

    public static OpResult failed(IpvsOp op, IpvsException e) {
        return new OpResult(op, Optional.of(e));
    }

    public boolean isApplied() {
        return error.isEmpty();
    }
}
