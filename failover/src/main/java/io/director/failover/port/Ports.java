package io.director.failover.port;

/** Everything the failover controller does to the outside world, implemented by the daemon (fakes in tests). */
public record Ports(VipOwnership vips, SyncRole sync, SelfCheck selfCheck, Notifier notifier) {
}
