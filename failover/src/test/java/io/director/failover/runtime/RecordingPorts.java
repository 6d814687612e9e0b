package io.director.failover.runtime;

import io.director.failover.core.Role;
import io.director.failover.port.Notifier;
import io.director.failover.port.Ports;
import io.director.failover.port.SelfCheck;
import io.director.failover.port.SyncRole;
import io.director.failover.port.VipOwnership;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** Fake ports that record every operation, in order, for one node. */
final class RecordingPorts implements VipOwnership, SyncRole, SelfCheck, Notifier {
    final String nodeId;
    final List<String> operations = new CopyOnWriteArrayList<>();
    final List<String> transitions = new CopyOnWriteArrayList<>();
    final AtomicReference<Optional<String>> fault = new AtomicReference<>(Optional.empty());
    volatile boolean failAcquire;
    volatile long lastAcquireNanos;
    private volatile boolean held;

    RecordingPorts(String nodeId) {
        this.nodeId = nodeId;
    }

    Ports ports() {
        return new Ports(this, this, this, this);
    }

    @Override
    public void acquire() throws Exception {
        operations.add("acquire");
        if (failAcquire) {
            throw new Exception("simulated: address in use");
        }
        held = true;
        lastAcquireNanos = System.nanoTime();
    }

    @Override
    public void release() {
        operations.add("release");
        held = false;
    }

    @Override
    public boolean held() {
        return held;
    }

    @Override
    public void becomeMaster() {
        operations.add("sync-master");
    }

    @Override
    public void becomeBackup() {
        operations.add("sync-backup");
    }

    @Override
    public Optional<String> fault() {
        return fault.get();
    }

    @Override
    public void roleChanged(Role from, Role to, String reason) {
        transitions.add(from + "->" + to);
    }
}
